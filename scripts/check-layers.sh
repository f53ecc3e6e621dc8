#!/usr/bin/env bash
# check-layers.sh — the layers call only down (`make test-layers`, in the test suite):
#   cli/  host/  ->  runtime/  ->  wasi/  ->  engine/
# Every #include "..." of every .c and .h in those directories (and sdk-free test code is
# not checked) is resolved like the compiler does (the including file's directory first,
# then -Iengine) and must name a file of the same layer or of one below; and the headers
# of each layer must not include each other in a circle; and no .c file declares a
# function of another file (a prototype belongs in a header). Prints one line per
# violation, then "N passed, N failed".
set -u
cd "$(dirname "$0")/.."

rank() {   # layer rank of a path: higher may include lower
    case $1 in
    cli/*) echo 4 ;; host/*) echo 3 ;; runtime/*) echo 2 ;; wasi/*) echo 1 ;; engine/*) echo 0 ;;
    *) echo -1 ;;
    esac
}

pass=0 fail=0
edges=()
for f in cli/*.[ch] host/*.[ch] runtime/*.[ch] wasi/*.[ch] engine/*.[ch]; do
    dir=$(dirname "$f")
    while IFS= read -r inc; do
        target=$(realpath -m --relative-to=. "$dir/$inc")
        [ -f "$target" ] || target=$(realpath -m --relative-to=. "engine/$inc")
        if [ ! -f "$target" ]; then
            echo "FAIL $f: #include \"$inc\" names no file"
            fail=$((fail + 1))
            continue
        fi
        from=$(rank "$f") to=$(rank "$target")
        if [ "$to" -lt 0 ] || [ "$to" -gt "$from" ] ||
           { [ "$from" = 4 ] && [ "$to" = 4 ] && [ "${f%%/*}" != "${target%%/*}" ]; }; then
            echo "FAIL $f includes $target: an include must point down the stack (cli/, host/ -> runtime/ -> wasi/ -> engine/)"
            fail=$((fail + 1))
        else
            pass=$((pass + 1))
        fi
        case $f in *.h) edges+=("$f $target") ;; esac
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f")
done
# Circles among headers: repeatedly drop headers that include no remaining header.
left=$(printf '%s\n' "${edges[@]}" | awk '{ print $1 } { print $2 }' | grep '\.h$' | sort -u | tr '\n' ' ')
while :; do
    leaves=()
    for h in $left; do
        has=0
        for e in "${edges[@]}"; do
            set -- $e
            [ "$1" = "$h" ] && [[ " $left " == *" $2 "* ]] && [ "$2" != "$h" ] && { has=1; break; }
        done
        [ "$has" = 0 ] && leaves+=("$h")
    done
    [ ${#leaves[@]} -eq 0 ] && break
    for l in "${leaves[@]}"; do left=$(printf '%s\n' $left | grep -vx "$l" | tr '\n' ' '); done
done
if [ -n "${left// /}" ]; then
    echo "FAIL headers including each other in a circle: $(echo $left)"
    fail=$((fail + 1))
else
    pass=$((pass + 1))
fi
# Prototypes in .c files: a non-static declaration ending in ");" at file scope.
for f in cli/*.c host/*.c runtime/*.c wasi/*.c engine/*.c; do
    while IFS= read -r line; do
        echo "FAIL $f declares a function of another file (put it in a header): $line"
        fail=$((fail + 1))
    done < <(grep -E '^[a-z_][a-zA-Z0-9_ *]*[ *][a-z_][a-z0-9_]*\([^;{]*\);$' "$f" |
             grep -vE '^(static|typedef|extern) ')
done
pass=$((pass + 1))
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
