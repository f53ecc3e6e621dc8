(module
  (func $add (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func $inner (param i32) (result i32) local.get 0 i32.const 0 i32.div_s)
  (func $outer (export "div0") (result i32) i32.const 7 call $inner)
  (func (export "f64") (param f64) (result f64) local.get 0 f64.sqrt))
