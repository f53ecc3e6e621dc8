;; imaged.wat — scribble.wat with data segments spanning 100 KB: the module gets a memory
;; image (engine/image.c). test_memory checks that every new instance reads exactly the
;; image (16 data bytes, zero elsewhere), whatever the one before wrote, and wherever.
(module
  (memory (export "memory") 2 8)
  (data $seg "\ff\ff\ff\ff\ff\ff\ff\ff")
  (data (i32.const 1000) "\01\02\03\04\05\06\07\08")
  (data (i32.const 100000) "\11\12\13\14\15\16\17\18")
  (func (export "store") (param $a i32) (i64.store (local.get $a) (i64.const -1)))
  (func (export "store8") (param $a i32) (i32.store8 (local.get $a) (i32.const 255)))
  (func (export "fill") (param $a i32) (param $n i32)
    (memory.fill (local.get $a) (i32.const 171) (local.get $n)))
  (func (export "copy") (param $d i32) (param $s i32) (param $n i32)
    (memory.copy (local.get $d) (local.get $s) (local.get $n)))
  (func (export "init") (param $d i32) (memory.init $seg (local.get $d) (i32.const 0) (i32.const 8)))
  (func (export "add_to") (param $a i32) ;; f64 add-and-store (the fused X_MS form)
    (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.const 1.5))))
  (func (export "grow") (param $n i32) (result i32) (memory.grow (local.get $n)))
  (func (export "load") (param $a i32) (result i32) (i32.load8_u (local.get $a)))
  ;; number of nonzero bytes in the whole memory
  (func (export "nonzero") (result i32) (local $i i32) (local $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.mul (memory.size) (i32.const 65536))))
        (if (i32.load8_u (local.get $i))
          (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $n)))
