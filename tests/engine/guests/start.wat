;; start.wat — a start function that sets state, and takes a few thousand reductions.
(module
  (memory (export "memory") 1)
  (global $ready (export "ready") (mut i32) (i32.const 0))
  (func $init
    (local $i i32)
    (loop $again
      (i32.store8 (local.get $i) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 5000))))
    (global.set $ready (i32.const 42)))
  (start $init)
  (func (export "ready_plus") (param i32) (result i32)
    (i32.add (global.get $ready) (local.get 0))))
