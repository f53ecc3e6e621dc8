#!/usr/bin/env bash
# examples.sh — the process examples of the README (examples/pingpong.c, supervisor.c,
# resolve.c, built into WASM_DIR/NAME.wasm): each case runs under tycho with 1 worker and
# with 2 (cwd: a scratch directory); its stdout+stderr must equal
# tests/processes/expected_examples/CASE.out exactly and its exit status the case's.
#   tests/processes/examples.sh TYCHO WASM_DIR WORKDIR
set -u
T=$1 B=$2 W=$3
S=$(dirname "$0")
rm -rf "$W"
mkdir -p "$W"

# case name | example | guest arguments | exit status
cases=(
    "pingpong|pingpong||0"
    "pingpong_3|pingpong|3|0"
    "pingpong_0|pingpong|0|0"
    "pingpong_usage|pingpong|-5|2"
    "supervisor|supervisor||0"
    "resolve|resolve||0"
)

pass=0 fail=0
for c in "${cases[@]}"; do
    IFS='|' read -r name example args want_rc <<<"$c"
    if [ ! -f "$S/expected_examples/$name.out" ]; then   # a missing golden file fails
        fail=$((fail + 1))
        echo "FAIL $name: no expected output tests/processes/expected_examples/$name.out"
        continue
    fi
    want=$(cat "$S/expected_examples/$name.out")
    for workers in 1 2; do
        # shellcheck disable=SC2086
        got=$(cd "$W" && timeout 60 "$T" --workers $workers "$B/$example.wasm" $args 2>&1 </dev/null)
        rc=$?
        if [ "$rc" = "$want_rc" ] && [ "$got" = "$want" ]; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            printf 'FAIL %s (--workers %s): exit %s (want %s)\n' "$name" "$workers" "$rc" "$want_rc"
            diff <(echo "$want") <(echo "$got") | head -40
        fi
    done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
