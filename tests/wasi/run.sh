#!/usr/bin/env bash
# run.sh — WASI programs (tests/wasi/*.c, built to wasm32-wasi) run by tycho: stdout,
# stderr and exit codes checked exactly; expected outputs are in tests/wasi/expected/.
#   tests/wasi/run.sh TYCHO WASM_DIR EXAMPLES_DIR WORKDIR
set -u
T=$1 B=$2 X=$3 W=$4
E=$(dirname "$0")/expected
rm -rf "$W"
mkdir -p "$W"

pass=0 fail=0
# check NAME EXPECTED_RC EXPECTED_OUTPUT -- COMMAND...   (stdout+stderr, stdin empty)
check() {
    local name=$1 want_rc=$2 want=$3; shift 4
    local got rc
    got=$("$@" 2>&1 </dev/null); rc=$?
    result "$name" "$rc" "$want_rc" "$got" "$want"
}
result() {
    if [ "$2" = "$3" ] && [ "$4" = "$5" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s: exit %s (want %s)\n--- got\n%s\n--- want\n%s\n' "$1" "$2" "$3" "$4" "$5"
    fi
}

# A fresh directory with the symlinks sandbox.c tries to escape through.
sandbox_dir() {
    rm -rf "$W/sb"
    mkdir -p "$W/sb/box/d"
    echo secret >"$W/sb/secret.txt"
    echo inside >"$W/sb/box/inside.txt"
    ln -s /etc "$W/sb/box/out_abs"
    ln -s ../secret.txt "$W/sb/box/out_rel"
    ln -s inside.txt "$W/sb/box/in_rel"
    ln -s ../inside.txt "$W/sb/box/d/up"
    ln -s ../../secret.txt "$W/sb/box/d/esc"
    ln -s loop "$W/sb/box/loop"
}

check "hello" 0 "hello, wasi
raw write
fd_write = 0
written = 10
to stderr" -- "$T" "$B/hello.wasm"
check "run subcommand" 0 "$(cat "$E/hello.out")" -- sh -c '"$1" run "$2" 2>/dev/null' - "$T" "$B/hello.wasm"
check "args, no environment by default" 0 "argc = 4
argv[1] = [a]
argv[2] = [b c]
argv[3] = [--dir]
envc = 0
HOME unset" -- "$T" run "$B/args_env.wasm" a "b c" --dir
check "argv[0] and options after FILE" 0 "argc = 2
argv[1] = [--env]
envc = 0
HOME unset" -- "$T" -- "$B/args_env.wasm" --env
check "--env" 0 "argc = 1
env [X=1]
env [EMPTY=]
env [EQ=a=b]
envc = 3
HOME unset" -- "$T" --env X=1 --env EMPTY= --env=EQ=a=b "$B/args_env.wasm"
check "--inherit-env, --env wins" 0 "argc = 1
env [HOME=/nowhere]
env [FOO=guest]
envc = 2
HOME set" -- env -i HOME=/nowhere FOO=host "$T" --inherit-env --env FOO=guest "$B/args_env.wasm"

check "exit(3)" 3 "before" -- "$T" "$B/exit.wasm" exit 3
check "proc_exit(255)" 255 "before" -- "$T" "$B/exit.wasm" proc_exit 255
check "proc_exit(0)" 0 "before" -- "$T" "$B/exit.wasm" proc_exit 0
check "return 7 from main" 7 "before
after" -- "$T" "$B/exit.wasm" return 7
check "main returns 0" 0 "" -- "$T" "$B/exit.wasm"
got=$("$T" "$B/exit.wasm" trap 0 2>&1); rc=$?
result "trap: message, backtrace with names, 134" "$rc" 134 \
    "$(printf '%s\n' "$got" | head -n 3 | sed 's/ (func [0-9]*)//')" "before
error: unreachable
  at main"
got=$("$T" "$B/exit.wasm" raise 0 2>&1); rc=$?
result "proc_raise" "$rc" 134 "$(printf '%s\n' "$got" | head -n 4)" "before
raise SIGCHLD = 0
raise 99 = 28
error: wasi proc_raise: signal SIGABRT"

check "clocks, random, poll_oneoff, sched_yield" 0 "$(cat "$E/clock_random.out")" -- "$T" "$B/clock_random.wasm"
check "bad pointers: EFAULT" 0 "$(cat "$E/efault.out")" -- "$T" --dir "$W::sb" "$B/efault.wasm"

for mode in openat2 fallback; do
    env=()
    [ $mode = fallback ] && env=(env TYCHO_WASI_NO_OPENAT2=1)
    rm -rf "$W/files" && mkdir -p "$W/files"
    check "files and directories ($mode)" 0 "$(cat "$E/files.out")" -- \
        "${env[@]}" "$T" --dir "$W/files::sandbox" "$B/files.wasm"
    sandbox_dir
    check "sandbox escapes ($mode)" 0 "$(cat "$E/sandbox.out")" -- \
        "${env[@]}" "$T" --dir "$W/sb/box::box" "$B/sandbox.wasm"
    result "sandbox: nothing outside touched ($mode)" "$(ls "$W/sb" | tr '\n' ' ')" "box secret.txt " \
        "$(cat "$W/sb/secret.txt")" "secret"
done

# the rights model, every path call with trailing slashes, link/symlink round trips, the
# fd_* success paths, long iovec lists, fd_readdir cookies (docs/wasi.md)
for prog in rights paths fdops; do
    rm -rf "$W/$prog" && mkdir -p "$W/$prog"
    check "$prog" 0 "$(cat "$E/$prog.out")" -- "$T" --dir "$W/$prog::d" "$B/$prog.wasm"
done
result "rights, paths: they clean up after themselves" "$(ls -A "$W/rights" "$W/paths" | tr '\n' ' ')" \
    "$W/paths:  $W/rights: " "" ""
rm -rf "$W/paths" && mkdir -p "$W/paths"
check "paths (fallback)" 0 "$(cat "$E/paths.out")" -- env TYCHO_WASI_NO_OPENAT2=1 "$T" --dir "$W/paths::d" "$B/paths.wasm"
# poll_oneoff, mixed subscriptions: stdin's data comes after 0.3 s, its end 0.3 s later
rm -rf "$W/poll" && mkdir -p "$W/poll"
got=$( (sleep 0.3; printf hello; sleep 0.3) | "$T" --dir "$W/poll::d" "$B/poll.wasm" 2>&1); rc=$?
result "poll_oneoff, mixed subscriptions" "$rc" 0 "$got" "$(cat "$E/poll.out")"
# stdio: FDF_APPEND on the host's stdout (a file) appends for this guest alone
got=$("$T" "$B/stdio.wasm" append 2>&1 >"$W/stdout.txt" </dev/null); rc=$?
result "stdio: APPEND on stdout" "$rc" 0 "$got" "write abc = 0
seek 0 = 0
write X = 0
flags = 0
set APPEND = 0
flags = 1
seek 0 = 0
write Y (appended) = 0
clear APPEND = 0
flags = 0
seek 0 = 0
write Z = 0
set APPEND on stderr (a pipe) = 0
stderr flags = 1
set DSYNC = 58
set unknown flag = 28"
result "stdio: the file written" "$(cat "$W/stdout.txt")" "ZbcY" "" ""
# a pipe and a FIFO are FILETYPE_UNKNOWN (preview 1 has no FIFO type)
rm -rf "$W/fifo" && mkdir -p "$W/fifo" && mkfifo "$W/fifo/fifo"
got=$(printf hi | "$T" --dir "$W/fifo::d" "$B/stdio.wasm" fifo 2>&1); rc=$?
result "stdio: pipes and FIFOs" "$rc" 0 "$got" "fdstat stdin = 0
stdin type = 0
filestat fifo = 0
fifo type = 0
open fifo for reading, non-blocking = 0
fdstat = 0
type = 0
flags = 4
read (no writer: end of file) = 0
bytes = 0
close = 0
read stdin = 0
stdin: [hi]"
# exit codes beyond 8 bits: 255 and a line saying so, never a wrapped 0
for code in 256 1000 4294967295; do
    check "proc_exit($code)" 255 "before
tycho: exit code $code does not fit in an exit status (0-255); exiting with 255" -- "$T" "$B/exit.wasm" proc_exit $code
done

# stdin: a pipe with no data yet blocks the guest (tycho waits in poll), then data, EOF
got=$( (sleep 0.3; printf 'late data') | "$T" "$B/cat.wasm" 2>&1); rc=$?
result "stdin that arrives late" "$rc" 0 "$got" "late data9 bytes"
printf 'abc\n' >"$W/in.txt"
got=$("$T" "$B/cat.wasm" <"$W/in.txt" 2>&1); rc=$?
result "stdin from a file" "$rc" 0 "$got" "abc
4 bytes"
got=$("$T" "$B/cat.wasm" 2>&1 </dev/null); rc=$?
result "stdin empty" "$rc" 0 "$got" "0 bytes"

# the README examples
check "example: hello" 0 "Hello, world!" -- "$T" "$X/hello.wasm"
mkdir -p "$W/texts"
printf 'the quick brown fox\njumps over\n' >"$W/texts/a.txt"
printf 'the lazy dog\n' >"$W/texts/b.txt"
check "example: wc over a preopened directory" 0 "      2       6      31 a.txt
      1       3      13 b.txt
      3       9      44 total" -- "$T" run --dir "$W/texts::data" "$X/wc.wasm" data
check "example: wc without the grant" 1 "data: Capabilities insufficient" -- "$T" "$X/wc.wasm" data

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
