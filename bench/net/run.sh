#!/usr/bin/env bash
# run.sh — `make bench-net`: TCP servers side by side on loopback (127.0.0.1 only).
#  HTTP: tycho's HTTP example (examples/http.c, a process per connection, built into
#        WASM_DIR/http.wasm) against the same server in Erlang (bench/erlang/http.erl,
#        gen_tcp, a process per connection, compiled into BEAM_DIR) and against nginx
#        (a config generated in a temp dir: the reference for what this machine can do),
#        each answering GET / with the same 14 bytes; wrk as the client
#        (`wrk -t2 -cN -dSs --latency --timeout 10s`, keep-alive) at each number of
#        connections of BENCH_CONNS: requests/s, p50 and p99 latency, and the servers'
#        peak RSS (VmHWM from /proc/PID/status, read at the end, before stopping them;
#        nginx's is the sum over its processes).
#  echo: tycho's echo example (examples/echo.c -> WASM_DIR/echo.wasm) against a plain C
#        epoll echo server (bench/net/echo_server.c, BENCH_WORKERS threads), loaded by
#        bench/net/echo_client.c (50 connections, each sending a 64 KiB message and
#        reading it back, again and again; every echo is compared with what was sent).
# Each server runs with the same parallelism: `tycho run --workers N`, `erl +S N:N`, nginx
# `worker_processes N`, N echo_server threads. The servers are started fresh for each
# number of connections (so the peak RSS is that of one level), warmed up by a short wrk
# run at that level, then measured BENCH_RUNS times, the servers taking turns. Prints the
# medians and the ratios tycho/Erlang, tycho/nginx and tycho echo / C echo. A tycho server
# whose .wasm is not built is skipped with a line saying so; the rest still runs.
#   bench/net/run.sh TYCHO WASM_DIR BEAM_DIR BIN_DIR WORK_DIR
# BIN_DIR holds echo_server and echo_client (built from bench/net/*.c).
# Environment:
#   BENCH_RUNS=3              measured runs per server and level (the table shows medians)
#   BENCH_SECONDS=10          seconds per run (wrk -d, echo_client -d)
#   BENCH_WORKERS=nproc       tycho workers = Erlang schedulers = nginx workers = C threads
#   BENCH_CONNS="50 1000 10000"   the numbers of concurrent connections (HTTP)
#   BENCH_ECHO_CONNS=50       connections of the echo benchmark
#   BENCH_WARMUP=3            seconds of the warm-up run (0: none)
#   BENCH_ERL_FLAGS=""        extra flags for erl (e.g. "+sbwt none")
#   BENCH_CHECK=1             validity only (`make bench-net-check`): every server once,
#                             curl GET / and /json (exact bytes), three pipelined requests
#                             on one connection, wrk at 50 connections for 1 s (requests
#                             done, no non-2xx answers, no socket errors), the echo
#                             servers for 1 s (every echo verified); no table; ends with
#                             "N passed, N failed"
# wrk's socket errors and the kernel's accept queue overflows (TcpExt ListenOverflows:
# wrk opens all its connections at once, and a server that accepts them too slowly makes
# their handshakes retry) are listed under the table, run by run.
# Any failure (a server that does not start or dies, a wrong answer, an echo mismatch)
# makes the script exit 1. Progress goes to stderr, the table to stdout. About 7 minutes
# with the defaults (3 levels x 3 servers x (3 runs + warm-up), then the echo pair; 4.5
# without the tycho programs).
set -u

if [ $# -ne 5 ]; then
    echo "usage: $0 TYCHO WASM_DIR BEAM_DIR BIN_DIR WORK_DIR" >&2
    exit 2
fi
TYCHO=$1 WASM_DIR=$2 BEAM_DIR=$3 BIN_DIR=$4 WORK=$5

CHECK=${BENCH_CHECK:-0}
RUNS=${BENCH_RUNS:-3}
SECS=${BENCH_SECONDS:-10}
WORKERS=${BENCH_WORKERS:-$(nproc)}
CONNS=${BENCH_CONNS:-50 1000 10000}
ECHO_CONNS=${BENCH_ECHO_CONNS:-50}
WARMUP=${BENCH_WARMUP:-3}
ERL_FLAGS=${BENCH_ERL_FLAGS:-}
[ -n "$RUNS" ] || RUNS=3
[ -n "$SECS" ] || SECS=10
[ -n "$WORKERS" ] || WORKERS=$(nproc)
[ -n "$CONNS" ] || CONNS="50 1000 10000"
[ -n "$ECHO_CONNS" ] || ECHO_CONNS=50
[ -n "$WARMUP" ] || WARMUP=3
if [ "$CHECK" = 1 ]; then RUNS=1 SECS=1 CONNS=50 WARMUP=0; fi

die() { echo "bench-net: $*" >&2; exit 2; }
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer, not '$RUNS'"
[[ $SECS =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a positive integer, not '$SECS'"
[[ $WORKERS =~ ^[1-9][0-9]*$ ]] || die "BENCH_WORKERS must be a positive integer, not '$WORKERS'"
[[ $ECHO_CONNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_ECHO_CONNS must be a positive integer, not '$ECHO_CONNS'"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "BENCH_WARMUP must be a whole number of seconds, not '$WARMUP'"
read -r -a CONNS <<<"$CONNS"
for c in "${CONNS[@]}"; do
    [[ $c =~ ^[1-9][0-9]*$ ]] || die "BENCH_CONNS must be positive integers, not '$c'"
done
command -v wrk >/dev/null || die "wrk not found (Debian package wrk)"
command -v curl >/dev/null || die "curl not found (Debian package curl)"
command -v erl >/dev/null || die "erl not found (Debian package erlang-base)"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || die "nginx not found (Debian package nginx)"
[ -f "$BEAM_DIR/http.beam" ] || die "missing $BEAM_DIR/http.beam"
[ -x "$BIN_DIR/echo_server" ] || die "missing $BIN_DIR/echo_server"
[ -x "$BIN_DIR/echo_client" ] || die "missing $BIN_DIR/echo_client"

# 10,000 connections need 10,000 descriptors in the client and in the server.
ulimit -n "$(ulimit -Hn)" 2>/dev/null
NOFILE=$(ulimit -n)
[ "$NOFILE" = unlimited ] && NOFILE=1048576

rm -rf "$WORK"
mkdir -p "$WORK" || die "cannot create $WORK"
WORK=$(realpath "$WORK") BEAM_DIR=$(realpath "$BEAM_DIR") BIN_DIR=$(realpath "$BIN_DIR")
[ -x "$TYCHO" ] && TYCHO=$(realpath "$TYCHO")
[ -d "$WASM_DIR" ] && WASM_DIR=$(realpath "$WASM_DIR")

log() { echo "$*" >&2; }
NOTES=()
status=0

# ---- servers --------------------------------------------------------------------------
# Servers: tycho-http erlang nginx (HTTP), tycho-echo c-echo (echo).
declare -A PID PORT ERRF
NGX_DIR=""

# shellcheck disable=SC2317   # (called by the trap)
cleanup() {
    local s
    for s in "${!PID[@]}"; do
        kill -TERM "${PID[$s]}" 2>/dev/null
    done
    sleep 0.2
    for s in "${!PID[@]}"; do
        kill -KILL "${PID[$s]}" 2>/dev/null
    done
    [ -n "$NGX_DIR" ] && rm -rf "$NGX_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

label() {
    case $1 in
    tycho-http) echo "tycho http" ;;
    erlang) echo "erlang http" ;;
    nginx) echo "nginx" ;;
    tycho-echo) echo "tycho echo" ;;
    c-echo) echo "C echo ($WORKERS thread$([ "$WORKERS" = 1 ] || echo s))" ;;
    esac
}

# why_not SERVER: empty if the server can run here, else why not (a tycho program that is
# not built).
why_not() {
    local w
    case $1 in
    tycho-http) w=http ;;
    tycho-echo) w='echo' ;;
    *) return ;;
    esac
    if [ ! -x "$TYCHO" ]; then echo "$(label "$1"): $TYCHO not built"
    elif [ ! -f "$WASM_DIR/$w.wasm" ]; then echo "$(label "$1"): $WASM_DIR/$w.wasm not built"
    fi
}

# wait_listening SERVER OUTFILE: waits up to 10 s for "listening on 127.0.0.1:PORT".
wait_listening() {
    local s=$1 out=$2 i line
    for ((i = 0; i < 200; i++)); do
        line=$(grep -m1 -E '^listening on 127\.0\.0\.1:[0-9]+' "$out" 2>/dev/null)
        if [ -n "$line" ]; then
            PORT[$s]=${line##*:}
            PORT[$s]=${PORT[$s]%%[!0-9]*}
            return 0
        fi
        kill -0 "${PID[$s]}" 2>/dev/null || { START_FAIL="exited before listening"; return 1; }
        sleep 0.05
    done
    START_FAIL="no 'listening on 127.0.0.1:PORT' line on stdout within 10 s"
    return 1
}

# free_port: a port below the ephemeral range (the clients' ports) that nothing listens on.
free_port() {
    local p i
    for ((i = 0; i < 100; i++)); do
        p=$((20000 + RANDOM % 12000))
        if [ -z "$(ss -Htan "sport = :$p" 2>/dev/null)" ]; then echo "$p"; return; fi
    done
    echo $((20000 + RANDOM % 12000))
}

# nginx_conf DIR PORT: the config, with every path inside DIR.
nginx_conf() {
    local d=$1 p=$2
    cat <<EOF
# generated by bench/net/run.sh
worker_processes $WORKERS;
worker_rlimit_nofile $NOFILE;
daemon off;
master_process on;
error_log stderr;
pid $d/nginx.pid;
events {
    worker_connections 20000;
}
http {
    access_log off;
    server_tokens off;
    keepalive_requests 1000000;
    client_body_temp_path $d/body;
    proxy_temp_path $d/proxy;
    fastcgi_temp_path $d/fastcgi;
    uwsgi_temp_path $d/uwsgi;
    scgi_temp_path $d/scgi;
    server {
        listen 127.0.0.1:$p backlog=4096;
        location = / {
            default_type text/plain;
            return 200 "Hello, World!\n";
        }
        location = /json {
            default_type application/json;
            return 200 '{"message":"Hello, World!"}';
        }
        location / {
            return 404;
        }
    }
}
EOF
}

# start SERVER: starts it in the background. Sets PID[SERVER], PORT[SERVER]; returns 1
# with START_FAIL set when it does not come up.
START_SEQ=0
start() {
    local s=$1 out err
    START_SEQ=$((START_SEQ + 1))
    out=$WORK/$START_SEQ-$s.out err=$WORK/$START_SEQ-$s.err
    ERRF[$s]=$err START_FAIL=""
    case $s in
    tycho-http | tycho-echo)
        local w=${s#tycho-}
        (cd "$WORK" && exec "$TYCHO" run --workers "$WORKERS" "$WASM_DIR/$w.wasm" 127.0.0.1:0) >"$out" 2>"$err" &
        PID[$s]=$!
        wait_listening "$s" "$out"
        ;;
    erlang)
        # shellcheck disable=SC2086   # (BENCH_ERL_FLAGS: words)
        (cd "$WORK" && exec erl +S "$WORKERS:$WORKERS" $ERL_FLAGS -noshell -pa "$BEAM_DIR" \
            -run http main 0) >"$out" 2>"$err" &
        PID[$s]=$!
        wait_listening "$s" "$out"
        ;;
    c-echo)
        "$BIN_DIR/echo_server" 127.0.0.1:0 "$WORKERS" >"$out" 2>"$err" &
        PID[$s]=$!
        wait_listening "$s" "$out"
        ;;
    nginx)
        [ -n "$NGX_DIR" ] && rm -rf "$NGX_DIR"
        NGX_DIR=$(mktemp -d "${TMPDIR:-/tmp}/bench-net-nginx.XXXXXX") || { START_FAIL="mktemp failed"; return 1; }
        chmod 755 "$NGX_DIR"
        for _ in 1 2 3 4 5; do
            PORT[$s]=$(free_port)
            nginx_conf "$NGX_DIR" "${PORT[$s]}" >"$NGX_DIR/nginx.conf"
            "$NGINX" -p "$NGX_DIR" -e stderr -c "$NGX_DIR/nginx.conf" >"$out" 2>"$err" &
            PID[$s]=$!
            local i code=""
            for ((i = 0; i < 200; i++)); do
                kill -0 "${PID[$s]}" 2>/dev/null || break
                code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:${PORT[$s]}/")
                [ "$code" = 200 ] && break
                sleep 0.05
            done
            [ "$code" = 200 ] && break
            kill -KILL "${PID[$s]}" 2>/dev/null
            wait "${PID[$s]}" 2>/dev/null
            unset 'PID[$s]'
            grep -q 'Address already in use' "$err" || break   # (else: another port)
        done
        if [ "$code" != 200 ]; then
            START_FAIL="does not answer on port ${PORT[$s]}"
            return 1
        fi
        ;;
    esac
    [ -z "$START_FAIL" ] || return 1
    log "$(label "$s"): pid ${PID[$s]}, listening on 127.0.0.1:${PORT[$s]}"
}

# stop SERVER: TERM, then KILL after 5 s.
stop() {
    local s=$1 i pid=${PID[$1]:-}
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        [ "$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)" = Z ] && break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null
    unset 'PID[$s]'
    if [ "$s" = nginx ] && [ -n "$NGX_DIR" ]; then rm -rf "$NGX_DIR"; NGX_DIR=""; fi
}

alive() { [ -n "${PID[$1]:-}" ] && kill -0 "${PID[$1]}" 2>/dev/null &&
          [ "$(awk '{ print $3 }' "/proc/${PID[$1]}/stat" 2>/dev/null)" != Z ]; }

hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

# peak_kb SERVER: VmHWM of the server's process (nginx: master + workers).
peak_kb() {
    local pid=${PID[$1]} k sum c
    k=$(hwm_kb "$pid")
    [ -n "$k" ] || return
    if [ "$1" = nginx ]; then
        sum=$k
        for c in $(ps -o pid= --ppid "$pid"); do
            k=$(hwm_kb "$c")
            sum=$((sum + ${k:-0}))
        done
        k=$sum
    fi
    echo "$k"
}

# stderr tail of a server, for failures.
err_tail() { [ -s "${ERRF[$1]}" ] && tail -n 3 "${ERRF[$1]}" | sed 's/^/      stderr: /'; }

# ---- clients --------------------------------------------------------------------------
# to_ms VALUE: wrk's "1.23ms", "456.78us", "1.20s", "1.00m" in milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (!match(v, /^[0-9.]+/)) { print ""; exit }
        n = substr(v, 1, RLENGTH); u = substr(v, RLENGTH + 1)
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
        if (f < 0) print ""; else printf "%.3f", n * f }'
}

# listen_overflows: the kernel's count of connections dropped because a listening
# socket's accept queue was full (TcpExt ListenOverflows; the whole machine's, but only
# this benchmark should be connecting). wrk opens all its connections at once; a server
# that accepts them more slowly than they come makes clients retransmit their handshakes
# (seconds of latency on their first requests, and resets that wrk counts as read errors).
listen_overflows() {
    awk '$1 == "TcpExt:" { if (!n) { for (i = 2; i <= NF; i++) if ($i == "ListenOverflows") f = i; n = 1 }
                           else { print $f + 0; exit } }' /proc/net/netstat 2>/dev/null
}

# wrk_run SERVER CONNS SECONDS: one wrk run. Sets W_RPS, W_P50, W_P99 (ms), W_REQS,
# W_NON2XX, W_SOCKERR ("" or wrk's line), W_OVERFLOWS (listen queue overflows during the
# run), W_FAIL ("" or what went wrong), W_OUT.
WRK_SEQ=0
wrk_run() {
    local s=$1 c=$2 d=$3 t=2 ov0
    [ "$c" -lt "$t" ] && t=$c
    WRK_SEQ=$((WRK_SEQ + 1))
    W_OUT=$WORK/wrk-$WRK_SEQ-$s-c$c.txt
    W_RPS="" W_P50="" W_P99="" W_REQS="" W_NON2XX=0 W_SOCKERR="" W_FAIL=""
    ov0=$(listen_overflows)
    timeout -k 5 $((d + 120)) wrk -t"$t" -c"$c" -d"${d}s" --latency --timeout 10s \
        "http://127.0.0.1:${PORT[$s]}/" >"$W_OUT" 2>&1
    local rc=$?
    W_OVERFLOWS=$(( $(listen_overflows || echo 0) - ${ov0:-0} ))
    W_RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$W_OUT")
    W_REQS=$(awk '/ requests in / { print $1 }' "$W_OUT")
    W_P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$W_OUT")")
    W_P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$W_OUT")")
    W_NON2XX=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$W_OUT")
    W_NON2XX=${W_NON2XX:-0}
    W_SOCKERR=$(sed -n 's/^ *Socket errors: *//p' "$W_OUT")
    if [ "$rc" -ne 0 ]; then
        W_FAIL="wrk exit status $rc: $(tail -n 2 "$W_OUT" | tr '\n' ' ')"
    elif [ -z "$W_RPS" ] || [ -z "$W_P50" ] || [ -z "$W_P99" ] || [ -z "$W_REQS" ]; then
        W_FAIL="could not read wrk's output ($W_OUT)"
    elif [ "$W_REQS" -eq 0 ]; then
        W_FAIL="no request done"
    elif [ "$W_NON2XX" -ne 0 ]; then
        W_FAIL="$W_NON2XX answers not 2xx/3xx"
    fi
    if ! alive "$s"; then
        W_FAIL="the server died${W_FAIL:+ ($W_FAIL)}"
    fi
}

# echo_run SERVER SECONDS: one echo_client run. Sets E_MBS, E_RTT (us), E_ROUNDS, E_FAIL.
ECHO_SEQ=0
echo_run() {
    local s=$1 d=$2 out
    ECHO_SEQ=$((ECHO_SEQ + 1))
    out=$WORK/echo-$ECHO_SEQ-$s.txt
    E_MBS="" E_RTT="" E_ROUNDS="" E_FAIL=""
    timeout -k 5 $((d + 60)) "$BIN_DIR/echo_client" -c "$ECHO_CONNS" -d "$d" -s 65536 \
        "127.0.0.1:${PORT[$s]}" >"$out" 2>&1
    local rc=$?
    E_MBS=$(awk '$1 == "result" && $2 == "throughput_mb_s" { print $3 }' "$out")
    E_RTT=$(awk '$1 == "result" && $2 == "roundtrip_us" { print $3 }' "$out")
    E_ROUNDS=$(awk '$1 == "result" && $2 == "roundtrips" { print $3 }' "$out")
    local mism
    mism=$(awk '$1 == "check" && $2 == "mismatches" { print $3 }' "$out")
    if [ "$rc" -ne 0 ]; then
        E_FAIL="echo_client exit status $rc: $(grep -v '^result\|^check' "$out" | tail -n 2 | tr '\n' ' ')"
    elif [ "$mism" != 0 ]; then
        E_FAIL="${mism:-?} echoes differed from what was sent"
    elif [ -z "$E_ROUNDS" ] || [ "$E_ROUNDS" -eq 0 ]; then
        E_FAIL="no round trip completed"
    fi
    if ! alive "$s"; then
        E_FAIL="the server died${E_FAIL:+ ($E_FAIL)}"
    fi
}

# ---- check mode -----------------------------------------------------------------------
HELLO=$'Hello, World!\n'
JSON='{"message":"Hello, World!"}'

if [ "$CHECK" = 1 ]; then
    pass=0 fail=0
    ok() { pass=$((pass + 1)); echo "ok   $*"; }
    bad() { fail=$((fail + 1)); echo "FAIL $*"; }

    # get SERVER PATH WANT_TYPE WANT_BODY
    get() {
        local s=$1 path=$2 type=$3 want=$4 body got
        body=$WORK/curl-$s-${path//\//_}.txt
        got=$(curl -s --max-time 5 -o "$body" -w '%{http_code} %{content_type}' "http://127.0.0.1:${PORT[$s]}$path")
        if [ "$got" != "200 $type" ]; then
            bad "$(label "$s"): GET $path: status and type '$got', want '200 $type'"
        elif ! cmp -s "$body" <(printf '%s' "$want"); then
            bad "$(label "$s"): GET $path: body $(od -c "$body" | head -n 3 | tr -s ' \n' ' '), want $(printf '%q' "$want")"
        else
            ok "$(label "$s"): GET $path: 200 $type, $(wc -c <"$body") bytes as expected"
        fi
    }

    # pipelined SERVER: three requests in one write; three answers, in order.
    pipelined() {
        local s=$1 out=$WORK/pipelined-$1.txt n200 bodies
        # shellcheck disable=SC2016   # ($1: the inner shell's)
        timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
            printf "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" >&3
            cat <&3' _ "${PORT[$s]}" >"$out" 2>/dev/null
        n200=$(grep -ao 'HTTP/1\.[01] 200' "$out" | wc -l)
        bodies=$(grep -ao 'Hello, World!$\|{"message":"Hello, World!"}' "$out" | tr '\n' '|')
        if [ "$n200" = 3 ] && [ "$bodies" = "Hello, World!|$JSON|Hello, World!|" ]; then
            ok "$(label "$s"): 3 pipelined requests (/, /json, /): 3 answers in order"
        else
            bad "$(label "$s"): 3 pipelined requests (/, /json, /): $n200 status 200 lines, bodies '$bodies' ($out)"
        fi
    }

    for s in tycho-http erlang nginx; do
        skip=$(why_not "$s")
        if [ -n "$skip" ]; then echo "skip $skip"; continue; fi
        if ! start "$s"; then
            bad "$(label "$s"): did not start: $START_FAIL$(printf '\n%s' "$(err_tail "$s")")"
            stop "$s"
            continue
        fi
        get "$s" / text/plain "$HELLO"
        get "$s" /json application/json "$JSON"
        pipelined "$s"
        wrk_run "$s" 50 1
        [ -z "$W_FAIL" ] && [ -n "$W_SOCKERR" ] && W_FAIL="socket errors: $W_SOCKERR"
        if [ -z "$W_FAIL" ]; then
            ok "$(label "$s"): wrk, 50 connections, 1 s: $W_REQS requests, $W_RPS req/s, no errors"
        else
            bad "$(label "$s"): wrk, 50 connections, 1 s: $W_FAIL$(printf '\n%s' "$(err_tail "$s")")"
        fi
        stop "$s"
    done
    for s in tycho-echo c-echo; do
        skip=$(why_not "$s")
        if [ -n "$skip" ]; then echo "skip $skip"; continue; fi
        if ! start "$s"; then
            bad "$(label "$s"): did not start: $START_FAIL$(printf '\n%s' "$(err_tail "$s")")"
            stop "$s"
            continue
        fi
        echo_run "$s" 1
        if [ -z "$E_FAIL" ]; then
            ok "$(label "$s"): $ECHO_CONNS connections, 64 KiB messages, 1 s: $E_ROUNDS round trips verified, $E_MBS MB/s"
        else
            bad "$(label "$s"): $ECHO_CONNS connections, 64 KiB messages, 1 s: $E_FAIL$(printf '\n%s' "$(err_tail "$s")")"
        fi
        stop "$s"
    done
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit
fi

# ---- bench mode -----------------------------------------------------------------------
declare -A RPS P50 P99 PEAK FAILED   # "server conns" -> values of the runs / peak KiB / 1
OVERFLOWED=""
HTTP_SERVERS=() ECHO_SERVERS=()
for s in tycho-http erlang nginx; do
    skip=$(why_not "$s")
    if [ -n "$skip" ]; then log "$skip: skipped"; NOTES+=("$skip: skipped"); else HTTP_SERVERS+=("$s"); fi
done
for s in tycho-echo c-echo; do
    skip=$(why_not "$s")
    if [ -n "$skip" ]; then log "$skip: skipped"; NOTES+=("$skip: skipped"); else ECHO_SERVERS+=("$s"); fi
done
for c in "${CONNS[@]}"; do
    if [ $((c + 100)) -gt "$NOFILE" ]; then
        NOTES+=("$c connections: more than the descriptor limit allows (ulimit -n $NOFILE)")
    fi
done

# fail_run SERVER KEY WHERE WHY: records a failure (KEY: "SERVER CONNS" or "SERVER echo";
# WHERE: "c=CONNS", or "" for the echo runs).
fail_run() {
    FAILED["$2"]=1
    status=1
    log "$(label "$1")${3:+ $3}: FAILED: $4"
    NOTES+=("$(label "$1")${3:+, $3}: FAILED: $4$(err_tail "$1" | head -n 1 | sed 's/^ */; /')")
}

log "bench-net: $WORKERS workers, $RUNS run(s) of $SECS s each (medians), warm-up $WARMUP s," \
    "connections: ${CONNS[*]} (HTTP), $ECHO_CONNS (echo); descriptor limit $NOFILE"
for c in "${CONNS[@]}"; do
    up=()
    for s in "${HTTP_SERVERS[@]}"; do
        if start "$s"; then
            up+=("$s")
        else
            fail_run "$s" "$s $c" "c=$c" "did not start: $START_FAIL"
            stop "$s"
        fi
    done
    if [ "$WARMUP" -gt 0 ]; then
        for s in "${up[@]}"; do
            wrk_run "$s" "$c" "$WARMUP"
            log "$(label "$s") c=$c: warm-up, ${W_RPS:-?} req/s${W_FAIL:+ ($W_FAIL)}"
        done
    fi
    for ((r = 1; r <= RUNS; r++)); do
        for s in "${up[@]}"; do
            k="$s $c"
            if ! alive "$s"; then
                [ -n "${FAILED[$k]:-}" ] || fail_run "$s" "$k" "c=$c" "the server died"
                continue
            fi
            sleep 0.5
            wrk_run "$s" "$c" "$SECS"
            [ "$W_OVERFLOWS" -gt 0 ] && OVERFLOWED=1
            if [ -n "$W_SOCKERR" ] || [ "$W_OVERFLOWS" -gt 0 ]; then
                NOTES+=("$(label "$s"), $c connections, run $r:${W_SOCKERR:+ socket errors: $W_SOCKERR}$(
                    [ -n "$W_SOCKERR" ] && [ "$W_OVERFLOWS" -gt 0 ] && echo ';')$(
                    [ "$W_OVERFLOWS" -gt 0 ] && echo " $W_OVERFLOWS accept queue overflows")")
            fi
            if [ -n "$W_FAIL" ]; then
                fail_run "$s" "$k" "c=$c" "run $r: $W_FAIL"
                continue
            fi
            RPS[$k]+="$W_RPS " P50[$k]+="$W_P50 " P99[$k]+="$W_P99 "
            log "$(label "$s") c=$c run $r/$RUNS: $W_RPS req/s, p50 $W_P50 ms, p99 $W_P99 ms${W_SOCKERR:+, socket errors: $W_SOCKERR}$(
                [ "$W_OVERFLOWS" -gt 0 ] && echo ", $W_OVERFLOWS accept queue overflows")"
        done
    done
    for s in "${up[@]}"; do
        if alive "$s"; then
            PEAK["$s $c"]=$(peak_kb "$s")
        fi
        stop "$s"
    done
done

# The echo pair.
declare -A MBS RTT
up=()
for s in "${ECHO_SERVERS[@]}"; do
    if start "$s"; then
        up+=("$s")
    else
        fail_run "$s" "$s echo" "" "did not start: $START_FAIL"
        stop "$s"
    fi
done
if [ "$WARMUP" -gt 0 ]; then
    for s in "${up[@]}"; do
        echo_run "$s" "$WARMUP"
        log "$(label "$s"): warm-up, ${E_MBS:-?} MB/s${E_FAIL:+ ($E_FAIL)}"
    done
fi
for ((r = 1; r <= RUNS; r++)); do
    for s in "${up[@]}"; do
        k="$s echo"
        if ! alive "$s"; then
            [ -n "${FAILED[$k]:-}" ] || fail_run "$s" "$k" "" "the server died"
            continue
        fi
        echo_run "$s" "$SECS"
        if [ -n "$E_FAIL" ]; then
            fail_run "$s" "$k" "" "run $r: $E_FAIL"
            continue
        fi
        MBS[$k]+="$E_MBS " RTT[$k]+="$E_RTT "
        log "$(label "$s") run $r/$RUNS: $E_MBS MB/s, $E_RTT us per round trip"
    done
done
for s in "${up[@]}"; do
    if alive "$s"; then PEAK["$s echo"]=$(peak_kb "$s"); fi
    stop "$s"
done

# ---- the table ------------------------------------------------------------------------
median() { tr ' ' '\n' | awk 'NF' | sort -g | awk '{ v[n++] = $1 } END {
    if (n) print (n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2) }'; }

fmt() {
    [ -n "$1" ] || { echo -; return; }
    awk -v v="$1" 'BEGIN { if (v >= 1000) printf "%.0f", v; else if (v >= 100) printf "%.1f", v;
                           else if (v >= 10) printf "%.2f", v; else printf "%.3f", v }'
}
mib() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }' || echo -; }
ratio() { if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; else echo -; fi; }

declare -A M   # "server conns field" -> median
for k in "${!RPS[@]}"; do M["$k rps"]=$(printf '%s' "${RPS[$k]}" | median); done
for k in "${!P50[@]}"; do M["$k p50"]=$(printf '%s' "${P50[$k]}" | median); done
for k in "${!P99[@]}"; do M["$k p99"]=$(printf '%s' "${P99[$k]}" | median); done
for k in "${!MBS[@]}"; do M["$k mbs"]=$(printf '%s' "${MBS[$k]}" | median); done
for k in "${!RTT[@]}"; do M["$k rtt"]=$(printf '%s' "${RTT[$k]}" | median); done

mark() { [ -n "${FAILED[$1]:-}" ] && [ "$2" != - ] && echo "$2!" || echo "$2"; }

OTP=$(erl -noshell -eval 'io:format("~s", [erlang:system_info(otp_release)]), halt().' 2>/dev/null)
NGV=$("$NGINX" -v 2>&1 | sed -n 's|.*nginx/||p')
echo
echo "bench-net: HTTP GET / keep-alive (wrk -t2 --latency), tycho vs Erlang/OTP $OTP gen_tcp vs nginx $NGV;" \
     "$WORKERS workers / schedulers / worker processes; median of $RUNS run(s) of $SECS s"
printf '%7s  %-14s %10s %10s %10s %12s\n' conns server "req/s" "p50 ms" "p99 ms" "peak RSS"
for c in "${CONNS[@]}"; do
    for s in tycho-http erlang nginx; do
        k="$s $c"
        printf '%7s  %-14s %10s %10s %10s %12s\n' "$c" "${s%-http}" \
            "$(mark "$k" "$(fmt "${M["$k rps"]:-}")")" "$(mark "$k" "$(fmt "${M["$k p50"]:-}")")" \
            "$(mark "$k" "$(fmt "${M["$k p99"]:-}")")" "$(mib "${PEAK[$k]:-}")"
    done
    for o in erlang nginx; do
        t="tycho-http $c" e="$o $c"
        printf '%7s  %-14s %10s %10s %10s %12s\n' "$c" "tycho/$o" \
            "$(ratio "${M["$t rps"]:-}" "${M["$e rps"]:-}")" "$(ratio "${M["$t p50"]:-}" "${M["$e p50"]:-}")" \
            "$(ratio "${M["$t p99"]:-}" "${M["$e p99"]:-}")" "$(ratio "${PEAK[$t]:-}" "${PEAK[$e]:-}")"
    done
done
echo
echo "bench-net: TCP echo on loopback, 64 KiB messages, $ECHO_CONNS connections (bench/net/echo_client.c)," \
     "median of $RUNS run(s) of $SECS s"
printf '%-22s %10s %14s %12s\n' server "MB/s" "round trip us" "peak RSS"
for s in tycho-echo c-echo; do
    k="$s echo"
    printf '%-22s %10s %14s %12s\n' "$(label "$s")" "$(mark "$k" "$(fmt "${M["$k mbs"]:-}")")" \
        "$(mark "$k" "$(fmt "${M["$k rtt"]:-}")")" "$(mib "${PEAK[$k]:-}")"
done
printf '%-22s %10s %14s %12s\n' "tycho/C" "$(ratio "${M["tycho-echo echo mbs"]:-}" "${M["c-echo echo mbs"]:-}")" \
    "$(ratio "${M["tycho-echo echo rtt"]:-}" "${M["c-echo echo rtt"]:-}")" \
    "$(ratio "${PEAK["tycho-echo echo"]:-}" "${PEAK["c-echo echo"]:-}")"
echo "(req/s and MB/s: higher is better; latency and RSS: lower is better; nginx's RSS is the sum over its processes)"
if [ -n "$OVERFLOWED" ]; then
    echo "(wrk opens all its connections at the start of each run: accept queue overflows below mean the server"
    echo " accepted them more slowly than they came (the queue holds $(cat /proc/sys/net/core/somaxconn 2>/dev/null || echo ?)); those clients' handshakes were retried,"
    echo " which shows in p99, and the resets in wrk's read errors)"
fi
if [ "$status" -ne 0 ]; then
    echo "(a figure marked ! had failed runs; it is the median of the runs that worked)"
fi
for n in "${NOTES[@]}"; do echo "NOTE: $n"; done
exit "$status"
