#!/usr/bin/env bash
# run.sh — the HTTP example (examples/http.c) under tycho against good and hostile
# clients (tests/net/client.c): 1,000 connections at once, pipelining, chunked bodies,
# garbage, an oversized head, slowloris, clients that vanish mid-response, 10,000
# connect/close in a burst. After each, the server must still answer; at the end every
# connection's fd must be closed (tycho's open fds, counted in /proc, back to what they
# were after the first request) and tycho still running. Then the echo and TLS echo
# examples answer one client each.
#   tests/net/run.sh TYCHO WASM_DIR CLIENT WORKDIR
set -u
T=$1 B=$2 C=$3 W=$4
rm -rf "$W"
mkdir -p "$W"
ulimit -n "$(ulimit -Hn)" 2>/dev/null
pass=0 fail=0
result() {   # NAME GOT WANT
    if [ "$2" = "$3" ]; then pass=$((pass + 1)); else
        fail=$((fail + 1)); printf 'FAIL %s\n--- got\n%s\n--- want\n%s\n' "$1" "$2" "$3"; fi
}
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null' EXIT

# start NAME COMMAND...: runs it in the background, waits for "listening on 127.0.0.1:PORT"
start() {
    local name=$1; shift
    "$@" >"$W/$name.out" 2>"$W/$name.err" &
    pid=$!
    for _ in $(seq 100); do
        port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$W/$name.out")
        [ -n "$port" ] && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "FAIL $name did not start: $(cat "$W/$name.err")"
    exit 1
}
fds() { ls "/proc/$pid/fd" | wc -l; }

start http "$T" run --workers 2 "$B/http.wasm" 127.0.0.1:0 1000
result "GET /" "$("$C" "$port" get /)" "200 Hello, World!"
base=$(fds)
result "GET /json" "$("$C" "$port" get /json)" '200 {"message":"Hello, World!"}'
result "1,000 connections at once" "$("$C" "$port" many 1000)" "many 1000: 2000 of 2000 requests answered right"
result "pipelining" "$("$C" "$port" pipeline)" "pipeline: 200 200 404"
result "a chunked body" "$("$C" "$port" chunked)" "chunked POST: 405, then GET: 200 Hello, World!"
result "garbage" "$("$C" "$port" garbage)" "garbage: 400, then the server closed the connection"
result "an oversized head" "$("$C" "$port" oversize)" "oversize: 431, then the server closed the connection"
result "slowloris" "$("$C" "$port" slowloris 50 1000)" \
    "slowloris 50: 50 closed by the server, after the timeout and within 3 s of it: yes; 20 other requests meanwhile: 20 answered"
result "clients that vanish" "$("$C" "$port" vanish 500)" "vanish 500: done"
result "still serving" "$("$C" "$port" get /)" "200 Hello, World!"
result "10,000 connect/close" "$("$C" "$port" burst 10000)" "burst 10000: 0 refused"
result "still serving after the burst" "$("$C" "$port" get /)" "200 Hello, World!"
# every connection closed: back to the fds after the first request (wait for the last
# connection processes to see their peers gone)
n=0
for _ in $(seq 100); do n=$(fds); [ "$n" -le "$base" ] && break; sleep 0.1; done
result "every connection's fd closed" "$n" "$base"
result "tycho still running" "$(kill -0 "$pid" 2>/dev/null && echo yes)" "yes"
result "nothing on stderr" "$(cat "$W/http.err")" ""
kill "$pid"; wait "$pid" 2>/dev/null; pid=

start echo "$T" run "$B/echo.wasm" 127.0.0.1:0
result "echo" "$("$C" "$port" echo 20)" "echo: 20 of 20 round trips of 64 KiB came back the same"
kill "$pid"; wait "$pid" 2>/dev/null; pid=

# TLS echo, with a certificate made here; openssl s_client as the client
(cd "$W" && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout key.pem -out cert.pem -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost 2>/dev/null)
start tls_echo "$T" run --dir "$W::/tls" "$B/tls_echo.wasm" 127.0.0.1:0 /tls/cert.pem /tls/key.pem
got=$( (printf 'hello over TLS\n'; sleep 1) | timeout 10 openssl s_client -quiet -connect "127.0.0.1:$port" \
    -servername localhost -verify_return_error -CAfile "$W/cert.pem" 2>/dev/null)
result "TLS echo (openssl s_client, verifying the certificate)" "$got" "hello over TLS"
kill "$pid"; wait "$pid" 2>/dev/null; pid=

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
