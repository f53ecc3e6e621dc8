#!/usr/bin/env bash
# race.sh — the sandbox against a symlink swapped mid-call: a host process (host/swap.c)
# renames symlinks inside the preopened directory between targets inside and outside it
# in a tight loop while the guest (race.c) opens, reads and stats through them for a few
# seconds; in both sandbox modes (openat2, and the fallback walk). The guest must never
# reach an outside file (they hold a secret marker) and must fail only with refusals.
#   tests/wasi/race.sh TYCHO SWAP RACE_WASM WORKDIR [DURATION_MS]
set -u
T=$1 S=$2 R=$3 W=$4 MS=${5:-2000}
rm -rf "$W"
mkdir -p "$W/box/sub"
W=$(cd "$W" && pwd)
secret="SECRET-MARKER outside the preopen"
echo "$secret" >"$W/secret.txt"
echo "$secret" >"$W/inside.txt"      # what box/dlink/inside.txt reaches when dlink -> ..
echo inside >"$W/box/inside.txt"
echo inside >"$W/box/sub/inside.txt"

pass=0 fail=0
result() {
    if [ "$2" = "$3" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s\n--- got\n%s\n--- want\n%s\n' "$1" "$2" "$3"
    fi
}
want="open+read box/link: leaks = 0, bad errors = 0, inside seen = yes, refusal seen = yes
stat box/link: leaks = 0, bad errors = 0, inside seen = yes, refusal seen = yes
open+read box/dlink/inside.txt: leaks = 0, bad errors = 0, inside seen = yes, refusal seen = yes
stat box/dlink/inside.txt: leaks = 0, bad errors = 0, inside seen = yes, refusal seen = yes"

for mode in openat2 fallback; do
    env=()
    [ $mode = fallback ] && env=(env TYCHO_WASI_NO_OPENAT2=1)
    echo "$mode:"
    ln -sfn inside.txt "$W/box/link"    # the swapper's first state, there before the guest
    ln -sfn sub "$W/box/dlink"
    "$S" "$W/box" "$W" &
    pid=$!
    got=$("${env[@]}" "$T" --dir "$W/box::box" "$R" "$MS" </dev/null); rc=$?
    kill -TERM "$pid"
    wait "$pid"; st=$?                  # 143: killed before it set its SIGTERM handler
    [ $st = 0 ] || [ $st = 143 ] || got="$got
swapper failed ($st)"
    result "symlink swap race ($mode): exit $rc" "$got
exit $rc" "$want
exit 0"
    result "symlink swap race ($mode): outside untouched" \
        "$(ls "$W" | tr '\n' ' ')$(cat "$W/secret.txt" "$W/inside.txt")" "box inside.txt secret.txt $secret
$secret"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
