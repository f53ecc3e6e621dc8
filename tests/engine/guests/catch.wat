;; catch.wat — nested calls from a host function (tw_hostcall_invoke), the way Lunatic's
;; lunatic::trap::catch(function, pointer) uses them: the host calls back into the guest's
;; _lunatic_catch_trap(function, pointer), which calls table[function](pointer); a trap in
;; there makes catch return 0.
(module
  (import "env" "catch" (func $catch (param i32 i32) (result i32)))
  (import "env" "wait" (func $wait (param i32) (result i32)))   ;; blocks, then p + 1
  (import "env" "fail" (func $fail (param i32)))                 ;; a host trap
  (memory (export "memory") 1)
  (type $fn (func (param i32) (result i32)))
  (table 16 funcref)
  (elem (i32.const 0)
    $triple       ;; 0
    $unreachable  ;; 1
    $div          ;; 2
    $oob          ;; 3
    $spin         ;; 4
    $blocker      ;; 5
    $nested       ;; 6
    $nested_trap  ;; 7
    $forever      ;; 8
    $deep_catch   ;; 9
    $host_fail    ;; 10
    $rsum         ;; 11
    $nested_block);; 12

  (func (export "_lunatic_catch_trap") (param $f i32) (param $p i32) (result i32)
    (call_indirect (type $fn) (local.get $p) (local.get $f)))

  ;; run(f, p, k): catch(f, p) with values live across it in locals ($a, $b) and on the
  ;; operand stack (b + 5 and a * 3); afterwards stores the result at mem[0] and runs a
  ;; loop. = k*1000000007 + 5 + 21k + catch(f, p) + (k(k+1)/2 << 40)
  (func (export "run") (param $f i32) (param $p i32) (param $k i32) (result i64)
    (local $a i32) (local $b i64) (local $r i32) (local $v i64) (local $i i32) (local $acc i64)
    (local.set $a (i32.mul (local.get $k) (i32.const 7)))
    (local.set $b (i64.mul (i64.extend_i32_u (local.get $k)) (i64.const 1000000007)))
    (local.set $v
      (i64.add
        (i64.add (local.get $b) (i64.const 5))
        (i64.extend_i32_u
          (i32.add
            (i32.mul (local.get $a) (i32.const 3))
            (local.tee $r (call $catch (local.get $f) (local.get $p)))))))
    (i32.store (i32.const 0) (local.get $r))
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
        (br $again)))
    (i64.add (local.get $v) (i64.shl (local.get $acc) (i64.const 40))))

  ;; catch, then a trap outside of it
  (func (export "catch_then_trap") (param $p i32) (result i32)
    (drop (call $catch (i32.const 0) (local.get $p)))
    (unreachable))

  (func $triple (param $p i32) (result i32)
    (i32.store (i32.const 16) (local.get $p))
    (i32.add (i32.mul (local.get $p) (i32.const 3)) (i32.const 1)))

  (func $unreachable (param $p i32) (result i32)
    (i32.store (i32.const 20) (local.get $p))   ;; stays written: wasm has no rollback
    (unreachable))

  (func $div (param $p i32) (result i32)
    (i32.div_u (i32.const 100) (local.get $p)))

  (func $oob (param $p i32) (result i32)
    (i32.load (local.get $p)))

  ;; 1 + 2 + ... + p, one loop back-edge per term
  (func $spin (param $p i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $p)))
        (local.set $acc (i32.add (local.get $acc) (local.get $p)))
        (local.set $p (i32.sub (local.get $p) (i32.const 1)))
        (br $again)))
    (local.get $acc))

  ;; wait(p) * 1000 + wait(p + 1) = (p + 1) * 1000 + p + 2; each wait blocks
  (func $blocker (param $p i32) (result i32)
    (i32.add
      (i32.mul (call $wait (local.get $p)) (i32.const 1000))
      (call $wait (i32.add (local.get $p) (i32.const 1)))))

  ;; catch inside catch: p*100000 + catch(unreachable) + 10 * catch(triple, p)
  ;;                   = p*100000 + 0 + 10 * (3p + 1)
  (func $nested (param $p i32) (result i32)
    (i32.add
      (i32.add (i32.mul (local.get $p) (i32.const 100000))
               (call $catch (i32.const 1) (local.get $p)))
      (i32.mul (i32.const 10) (call $catch (i32.const 0) (local.get $p)))))

  ;; inner catches (one traps, one returns), then a trap for the outer catch
  (func $nested_trap (param $p i32) (result i32)
    (drop (call $catch (i32.const 2) (i32.const 0)))
    (drop (call $catch (i32.const 0) (local.get $p)))
    (unreachable))

  (func $forever (param $p i32) (result i32)
    (i32.add (call $forever (i32.add (local.get $p) (i32.const 1))) (i32.const 1)))

  ;; catch inside catch inside ... until the stack is exhausted: the innermost catch
  ;; returns 0, each level adds 1, so the outermost catch returns the number of levels
  (func $deep_catch (param $p i32) (result i32)
    (i32.add (call $catch (i32.const 9) (i32.add (local.get $p) (i32.const 1)))
             (i32.const 1)))

  (func $host_fail (param $p i32) (result i32)
    (call $fail (local.get $p))
    (i32.const 7))

  ;; catch(blocker, p) + 1: blocks two catches deep when called through catch
  (func $nested_block (param $p i32) (result i32)
    (i32.add (call $catch (i32.const 5) (local.get $p)) (i32.const 1)))

  ;; recursive 1 + ... + p (p + 1 frames)
  (func $rsum (param $p i32) (result i32)
    (if (result i32) (i32.eqz (local.get $p))
      (then (i32.const 0))
      (else (i32.add (local.get $p) (call $rsum (i32.sub (local.get $p) (i32.const 1))))))))
