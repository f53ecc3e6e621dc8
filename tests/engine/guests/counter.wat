;; counter.wat — loops for test_resume: one that never ends, one with a known result.
(module
  (memory (export "memory") 1)
  (global $count (export "count") (mut i64) (i64.const 0))

  ;; Forever: bump the global and the i32 at memory[0] once per iteration.
  (func (export "spin")
    (loop $again
      (global.set $count (i64.add (global.get $count) (i64.const 1)))
      (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1)))
      (br $again)))

  ;; 1 + 2 + ... + n, one loop iteration per term.
  (func (export "sum") (param $n i64) (result i64)
    (local $acc i64)
    (block $done
      (loop $again
        (br_if $done (i64.eqz (local.get $n)))
        (local.set $acc (i64.add (local.get $acc) (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $again)))
    (local.get $acc))

  ;; Recursive 1 + ... + n: n + 1 frames deep.
  (func $rsum (export "rsum") (param $n i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 0))
      (else (i64.add (local.get $n) (call $rsum (i64.sub (local.get $n) (i64.const 1)))))))

  ;; Never returns: the call is not in tail position.
  (func $forever (export "forever") (param $n i32) (result i32)
    (i32.add (call $forever (i32.add (local.get $n) (i32.const 1))) (i32.const 1))))
