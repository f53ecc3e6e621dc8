;; A loop whose step is the fused add+compare+branch, run as a process (fuel slices of
;; 20,000): each time the slice runs out on the back-edge, the resumed instruction must
;; add exactly once. Exits with the number of lost iterations (0). Found by the process
;; tests: the add used to be stored before the fuel check, and repeated on resume.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func $count (result i32) (local $i i32) (local $n i32)
    (loop $l
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 1000000))))
    (local.get $n))
  (func (export "_start") (call $exit (i32.sub (i32.const 1000000) (call $count)))))
