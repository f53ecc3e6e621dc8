#!/usr/bin/env bash
# run.sh — the process tests: each tests/processes/NAME.c (built with sdk/c into
# WASM_DIR/NAME.wasm) runs under tycho; its stdout+stderr must equal
# tests/processes/expected/NAME.out exactly, and its exit status the one its header names.
# Header lines in NAME.c (optional):
#   //! exit: N              expected exit status (default 0)
#   //! options: ...         tycho options before the .wasm (e.g. --workers 1)
#   //! args: ...            guest arguments after it
#   //! stdin: TEXT          stdin is a file holding TEXT (default /dev/null)
#   //! setup: COMMAND       run first, in the test's scratch directory (e.g. making a
#                            certificate); a failure fails the test
# The word @WORK@ in options/args is replaced by a scratch directory for that test.
#   tests/processes/run.sh TYCHO WASM_DIR WORKDIR [NAME...]
set -u
T=$1 B=$2 W=$3
shift 3
S=$(dirname "$0")
rm -rf "$W"
mkdir -p "$W"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for f in "$S"/*.c; do names+=("$(basename "$f" .c)"); done
fi
pass=0 fail=0
for n in "${names[@]}"; do
    src=$S/$n.c
    want_rc=$(sed -n 's|^//! exit: *||p' "$src" | head -1)
    opts=$(sed -n 's|^//! options: *||p' "$src" | head -1)
    args=$(sed -n 's|^//! args: *||p' "$src" | head -1)
    work=$W/$n
    mkdir -p "$work"
    setup=$(sed -n 's|^//! setup: *||p' "$src" | head -1)
    if [ -n "$setup" ] && ! (cd "$work" && eval "$setup"); then
        fail=$((fail + 1))
        echo "FAIL $n: setup failed: $setup"
        continue
    fi
    stdin=/dev/null
    if grep -q '^//! stdin:' "$src"; then
        stdin=$work.stdin
        sed -n 's|^//! stdin: *||p' "$src" | head -1 | tr -d '\n' >"$stdin"
    fi
    opts=${opts//@WORK@/$work}
    args=${args//@WORK@/$work}
    # shellcheck disable=SC2086
    got=$(cd "$work" && timeout 120 "$T" $opts "$B/$n.wasm" $args 2>&1 <"$stdin"); rc=$?
    if [ ! -f "$S/expected/$n.out" ]; then   # a missing golden file is never a pass
        fail=$((fail + 1))
        echo "FAIL $n: no expected output tests/processes/expected/$n.out"
        continue
    fi
    want=$(cat "$S/expected/$n.out")
    if [ "$rc" = "${want_rc:-0}" ] && [ "$got" = "$want" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s: exit %s (want %s)\n' "$n" "$rc" "${want_rc:-0}"
        diff <(echo "$want") <(echo "$got") | head -40
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
