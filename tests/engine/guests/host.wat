;; host.wat — calls host functions that may block (TW_HOST_BLOCK) with values live in
;; locals and on the operand stack across the call.
(module
  (import "env" "combine" (func $combine (param i32 i32) (result i32)))
  (import "env" "split" (func $split (param i64) (result i64 i32)))
  (import "env" "fail" (func $fail (param i32)))

  ;; a*1000 + combine(x, y) + b, with a*1000 on the operand stack during the call and
  ;; b*7 in a local.
  (func (export "f") (param $a i32) (param $b i32) (param $x i32) (param $y i32) (result i32)
    (local $b7 i32)
    (local.set $b7 (i32.mul (local.get $b) (i32.const 7)))
    (i32.add
      (i32.add (i32.mul (local.get $a) (i32.const 1000))
               (call $combine (local.get $x) (local.get $y)))
      (i32.sub (local.get $b7) (i32.mul (local.get $b) (i32.const 6)))))

  ;; split(v) = (hi, lo); returns hi * 3 - lo and keeps v live across the call.
  (func (export "g") (param $v i64) (result i64)
    (local $lo i32)
    (local $hi i64)
    (call $split (local.get $v))
    (local.set $lo)
    (local.set $hi)
    (i64.add
      (i64.sub (i64.mul (local.get $hi) (i64.const 3)) (i64.extend_i32_u (local.get $lo)))
      (i64.mul (local.get $v) (i64.const 0))))

  ;; Multiple results straight from the host to the caller of the wasm function.
  (func (export "both") (param $v i64) (result i64 i32)
    (call $split (local.get $v)))

  (func (export "trapper") (param $x i32) (result i32)
    (call $fail (local.get $x))
    (i32.const 1)))
