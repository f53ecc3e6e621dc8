;; br_table whose targets include the enclosing loop (a backward branch): counts down
;; from n and returns the number of iterations, taking the loop edge through br_table.
(module
  (func (export "count") (param $n i32) (result i32) (local $k i32)
    (block $out
      (loop $top
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_table $top $out (i32.eqz (local.get $n)))))
    (local.get $k)))
