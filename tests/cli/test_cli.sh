#!/usr/bin/env bash
# test_cli.sh — the tycho command line: results, exit codes and exact error lines.
#   tests/cli/test_cli.sh TYCHO WORKDIR
set -u
T=$1 W=$2
mkdir -p "$W"
wat2wasm --debug-names "$(dirname "$0")/calc.wat" -o "$W/calc.wasm" || exit 1
wat2wasm "$(dirname "$0")/simd_insn.wat" -o "$W/simd_insn.wasm" || exit 1
wat2wasm "$(dirname "$0")/simd_type.wat" -o "$W/simd_type.wasm" || exit 1
wat2wasm "$(dirname "$0")/brtable_loop.wat" -o "$W/brtable_loop.wasm" || exit 1
echo garbage >"$W/bad.wasm"
printf '\0asm\1\0\0\0\1' >"$W/trunc.wasm"

pass=0 fail=0
# check NAME EXPECTED_RC EXPECTED_OUTPUT (stdout+stderr) -- COMMAND...
check() {
    local name=$1 want_rc=$2 want=$3; shift 4
    local got rc
    got=$("$@" 2>&1); rc=$?
    if [ "$rc" = "$want_rc" ] && [ "$got" = "$want" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s: exit %s (want %s)\n--- got\n%s\n--- want\n%s\n' "$name" "$rc" "$want_rc" "$got" "$want"
    fi
}

check "call an export" 0 "42" -- "$T" "$W/calc.wasm" add 2 40
check "wrapping i32" 0 "-2147483648" -- "$T" "$W/calc.wasm" add 2147483647 1
check "f64 result" 0 "1.41421" -- "$T" "$W/calc.wasm" f64 2
check "trap: message, backtrace, exit 134" 134 "error: integer divide by zero
  at inner (func 1)
  at outer (func 2)" -- "$T" "$W/calc.wasm" div0
check "missing file" 1 "tycho: error: cannot open $W/none.wasm: No such file or directory" -- "$T" "$W/none.wasm"
check "not wasm" 1 "tycho: error: $W/bad.wasm: malformed: magic header not detected" -- "$T" "$W/bad.wasm"
check "truncated" 1 "tycho: error: $W/trunc.wasm: malformed: unexpected end of section or function" -- "$T" "$W/trunc.wasm"
check "unknown export" 1 "tycho: error: $W/calc.wasm: no export named \"nope\"" -- "$T" "$W/calc.wasm" nope
check "argument count" 1 "tycho: error: add expects 2 arguments, got 1" -- "$T" "$W/calc.wasm" add 1
check "bad argument" 1 "tycho: error: argument 1: \"x\" is not a valid i32" -- "$T" "$W/calc.wasm" add x y
check "br_table back to a loop" 0 "1000000" -- "$T" "$W/brtable_loop.wasm" count 1000000
check "SIMD instruction" 1 "tycho: error: $W/simd_insn.wasm: unsupported: SIMD instruction (function 0)" -- "$T" "$W/simd_insn.wasm"
check "SIMD type" 1 "tycho: error: $W/simd_type.wasm: unsupported: SIMD (v128 type)" -- "$T" "$W/simd_type.wasm"
check "bad option" 1 "tycho: error: unknown option --bogus (try --help)" -- "$T" --bogus
check "version" 0 "tycho 0.1.0" -- "$T" --version
check "list exports" 0 "$W/calc.wasm: no _start; 3 exports:
  func   add (i32, i32) -> (i32)
  func   div0 () -> (i32)
  func   f64 (f64) -> (f64)" -- "$T" "$W/calc.wasm"

# inputs the fuzzer once broke the engine with (tests/cli/regress/, mutated builds of the
# interp benchmark): they must load, and run to the end
for f in "$(dirname "$0")"/regress/*.wasm; do
    check "fuzz regression $(basename "$f"): loads" 0 "$f: no _start; 2 exports:
  memory memory
  func   run () -> (i64)" -- "$T" "$f"
done
check "fuzz regression br-table-backward: runs" 0 "1" -- "$T" "$(dirname "$0")/regress/br-table-backward.wasm" run

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
