#!/usr/bin/env bash
# run.sh — AssemblyScript WASI programs (tests/assemblyscript/*.ts, compiled by
# mk/assemblyscript.mk) run by tycho in an empty preopened directory: stdout+stderr must
# equal expected/NAME.out, the exit status 0, and the directory be empty again after.
#   tests/assemblyscript/run.sh TYCHO WASM_DIR MISSING
# MISSING names a missing tool (node, npm): the cases are skipped with a line saying so,
# or, when CI is set, fail.
set -u
T=$1 W=$2 missing=$3
S=$(dirname "$0")
. "$S/../toolchain.sh"
toolchain_missing test-assemblyscript "$missing" "nodejs and npm"
pass=0 fail=0
for src in "$S"/*.ts; do
    n=$(basename "$src" .ts)
    dir=$(mktemp -d)
    got=$("$T" --dir "$dir::." "$W/$n.wasm" 2>&1 </dev/null); rc=$?
    left=$(ls -A "$dir")
    rm -rf "$dir"
    if [ ! -f "$S/expected/$n.out" ]; then
        fail=$((fail + 1))
        echo "FAIL $n: no expected output $S/expected/$n.out"
    elif [ "$rc" = 0 ] && [ "$got" = "$(cat "$S/expected/$n.out")" ] && [ -z "$left" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s: exit %s (want 0), left behind: [%s]\n' "$n" "$rc" "$left"
        diff <(cat "$S/expected/$n.out") <(printf '%s\n' "$got") | head -40
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
