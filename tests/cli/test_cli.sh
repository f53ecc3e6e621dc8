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
wat2wasm "$(dirname "$0")/addbr_resume.wat" -o "$W/addbr_resume.wasm" || exit 1
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

check "call an export" 0 "42" -- "$T" run --invoke add "$W/calc.wasm" 2 40
check "wrapping i32" 0 "-2147483648" -- "$T" run --invoke add "$W/calc.wasm" 2147483647 1
check "f64 result" 0 "1.41421" -- "$T" run --invoke f64 "$W/calc.wasm" 2
check "trap: message, backtrace, exit 134" 134 "error: integer divide by zero
  at inner (func 1)
  at outer (func 2)" -- "$T" run --invoke div0 "$W/calc.wasm"
check "missing file" 1 "tycho: error: cannot open $W/none.wasm: No such file or directory" -- "$T" "$W/none.wasm"
check "not wasm" 1 "tycho: error: $W/bad.wasm: malformed: magic header not detected" -- "$T" "$W/bad.wasm"
check "truncated" 1 "tycho: error: $W/trunc.wasm: malformed: unexpected end of section or function" -- "$T" "$W/trunc.wasm"
check "unknown export" 1 "tycho: error: $W/calc.wasm: no export named \"nope\"" -- "$T" run --invoke nope "$W/calc.wasm"
check "argument count" 1 "tycho: error: add expects 2 arguments, got 1" -- "$T" run --invoke add "$W/calc.wasm" 1
check "bad argument" 1 "tycho: error: argument 1: \"x\" is not a valid i32" -- "$T" run --invoke=add "$W/calc.wasm" x y
check "br_table back to a loop" 0 "1000000" -- "$T" run --invoke count "$W/brtable_loop.wasm" 1000000
check "a fused loop step resumed after every fuel slice" 0 "" -- "$T" run "$W/addbr_resume.wasm"
check "SIMD instruction" 1 "tycho: error: $W/simd_insn.wasm: unsupported: SIMD instruction (function 0)" -- "$T" "$W/simd_insn.wasm"
check "SIMD type" 1 "tycho: error: $W/simd_type.wasm: unsupported: SIMD (v128 type)" -- "$T" "$W/simd_type.wasm"
check "bad option" 1 "tycho: error: unknown option --bogus (try --help)" -- "$T" --bogus
check "version" 0 "tycho 0.1.0" -- "$T" --version
check "list exports" 0 "$W/calc.wasm: 3 exports:
  func   add (i32, i32) -> (i32)
  func   div0 () -> (i32)
  func   f64 (f64) -> (f64)" -- "$T" run --list "$W/calc.wasm"

# WASI commands: what tycho says when a module is not one it can run
printf '(module (import "wasi_snapshot_preview1" "foo" (func)) (func (export "_start")))' >"$W/foo.wat"
wat2wasm "$W/foo.wat" -o "$W/foo.wasm" || exit 1
printf '(module (import "env" "f" (func)))' >"$W/env.wat"
wat2wasm "$W/env.wat" -o "$W/env.wasm" || exit 1
printf '(module (func (export "_start") unreachable))' >"$W/trap.wat"
wat2wasm "$W/trap.wat" -o "$W/trap.wasm" || exit 1
check "no _start" 1 "tycho: error: $W/calc.wasm: no _start function: not a WASI command (to call an export: tycho run --invoke NAME)" -- "$T" "$W/calc.wasm"
check "unknown WASI import" 1 "tycho: error: $W/foo.wasm: unknown import wasi_snapshot_preview1::foo" -- "$T" run "$W/foo.wasm"
check "unknown module import" 1 "tycho: error: $W/env.wasm: unknown import env::f" -- "$T" "$W/env.wasm"
check "_start traps" 134 "error: unreachable
  at func 0" -- "$T" "$W/trap.wasm"
check "missing --dir" 1 "tycho: error: --dir: cannot open directory $W/nodir: No such file or directory" -- "$T" --dir "$W/nodir" "$W/trap.wasm"
check "--dir on a file" 1 "tycho: error: --dir: cannot open directory $W/bad.wasm: Not a directory" -- "$T" --dir "$W/bad.wasm::x" "$W/trap.wasm"
check "bad --env" 1 "tycho: error: --env FOO: expected NAME=VALUE" -- "$T" --env FOO "$W/trap.wasm"
check "option without value" 1 "tycho: error: option --dir needs a value (try --help)" -- "$T" run --dir
check "-- ends options" 1 "tycho: error: cannot open --version: No such file or directory" -- "$T" run -- --version

# inputs the fuzzer once broke the engine with (tests/cli/regress/, mutated builds of the
# interp benchmark): they must load, and run to the end
for f in "$(dirname "$0")"/regress/*.wasm; do
    check "fuzz regression $(basename "$f"): loads" 0 "$f: 2 exports:
  memory memory
  func   run () -> (i64)" -- "$T" --list "$f"
done
check "fuzz regression br-table-backward: runs" 0 "1" -- "$T" --invoke run "$(dirname "$0")/regress/br-table-backward.wasm"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
