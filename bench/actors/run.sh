#!/usr/bin/env bash
# run.sh — `make bench-actors`: eight actor workloads, each written twice, as a tycho guest
# (bench/actors/NAME.c, built with sdk/c into WASM_DIR/NAME.wasm; spawnreply's is the
# Rust program tests/rust/guests/src/bin/rust_spawn.rs) and in Erlang
# (bench/erlang/NAME.erl, compiled into BEAM_DIR), run one after the other with the same
# number of schedulers (`tycho run --workers N`, `erl +S N:N`); prints the medians and
# the ratio tycho/Erlang.
#   bench/actors/run.sh TYCHO WASM_DIR BEAM_DIR WORK_DIR [WORKLOAD...]
# WORKLOAD: spawn memory pingpong ring skynet fanin request spawnreply (default: all, in
# that order; spawnreply only when its program was built: it needs the Rust toolchain).
# Environment:
#   BENCH_RUNS=3          runs per workload and runtime (the table shows medians)
#   BENCH_SCALE=1         multiplies every size (0.1 = a quick look); skynet's depth is
#                         6 + round(log10(scale)) levels
#   BENCH_WORKERS=nproc   tycho workers = Erlang schedulers
#   BENCH_MEMORY_N=N      processes of the memory workload (default 1,000,000 x scale).
#                         If tycho fails at N, the first run retries with N/2, N/4, ...
#                         and the table uses the largest N that worked (both runtimes);
#                         the failure is printed below the table.
#   BENCH_MEM_LIMIT_MB    resident-memory cap per run (default: 75% of MemAvailable):
#                         a program above it is killed, so that no run can push the
#                         machine into the OOM killer
#   BENCH_TIMEOUT=300     seconds per run
#   BENCH_PAGEFAULT=PATH  a pagefault program (bench/actors/pagefault.c): its line (what
#                         a fresh page costs here) is printed under the table
#   BENCH_CHECK=1         validity only (the test suite): every workload once per
#                         runtime, no table, ends with "N passed, N failed"
# Every program prints "result KEY VALUE" (its figures, timed inside the program with
# the monotonic clock) and "check KEY VALUE" (checksums); this script also compares each
# check with the value it expects. Any failed run (exit status, checksum, missing figure,
# timeout, memory cap) makes the script exit 1. Progress goes to stderr, the table to
# stdout.
set -u

if [ $# -lt 4 ]; then
    echo "usage: $0 TYCHO WASM_DIR BEAM_DIR WORK_DIR [WORKLOAD...]" >&2
    exit 2
fi
TYCHO=$1 WASM_DIR=$2 BEAM_DIR=$3 WORK=$4
shift 4
ALL=(spawn memory pingpong ring skynet fanin request spawnreply)
WORKLOADS=("$@")
NOTES=()
if [ ${#WORKLOADS[@]} -eq 0 ]; then
    WORKLOADS=("${ALL[@]}")
    if [ ! -f "$WASM_DIR/spawnreply.wasm" ]; then   # (a Rust program: optional)
        WORKLOADS=("${ALL[@]:0:7}")
        NOTES+=("spawnreply: skipped, its Rust program is not built (no Rust toolchain: scripts/install-deps.sh)")
    fi
fi

CHECK=${BENCH_CHECK:-0}
RUNS=${BENCH_RUNS:-3}
SCALE=${BENCH_SCALE:-1}
WORKERS=${BENCH_WORKERS:-$(nproc)}
TIMEOUT=${BENCH_TIMEOUT:-300}
[ -n "$RUNS" ] || RUNS=3
[ -n "$SCALE" ] || SCALE=1
[ -n "$WORKERS" ] || WORKERS=$(nproc)
[ -n "$TIMEOUT" ] || TIMEOUT=300
[ "$CHECK" = 1 ] && RUNS=1

die() { echo "bench-actors: $*" >&2; exit 2; }
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer, not '$RUNS'"
[[ $WORKERS =~ ^[1-9][0-9]*$ ]] || die "BENCH_WORKERS must be a positive integer, not '$WORKERS'"
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "BENCH_TIMEOUT must be a positive integer, not '$TIMEOUT'"
if ! [[ $SCALE =~ ^([0-9]+\.?[0-9]*|\.[0-9]+)$ ]] || ! awk -v s="$SCALE" 'BEGIN { exit !(s > 0) }'; then
    die "BENCH_SCALE must be a positive number, not '$SCALE'"
fi
for w in "${WORKLOADS[@]}"; do
    [[ " ${ALL[*]} " == *" $w "* ]] || die "unknown workload '$w' (known: ${ALL[*]})"
done
[ -x "$TYCHO" ] || die "no tycho at $TYCHO"
command -v erl >/dev/null || die "erl not found (Debian package erlang-base)"
for w in "${WORKLOADS[@]}"; do
    [ -f "$WASM_DIR/$w.wasm" ] || die "missing $WASM_DIR/$w.wasm"
    [ -f "$BEAM_DIR/$w.beam" ] || die "missing $BEAM_DIR/$w.beam"
done

MEM_LIMIT_MB=${BENCH_MEM_LIMIT_MB:-}
if [ -z "$MEM_LIMIT_MB" ]; then
    MEM_LIMIT_MB=$(awk '/^MemAvailable:/ { printf "%d", $2 * 0.75 / 1024 }' /proc/meminfo)
fi
[[ $MEM_LIMIT_MB =~ ^[1-9][0-9]*$ ]] || die "BENCH_MEM_LIMIT_MB must be a positive integer, not '$MEM_LIMIT_MB'"
MEM_LIMIT_KB=$((MEM_LIMIT_MB * 1024))

rm -rf "$WORK"
mkdir -p "$WORK" || die "cannot create $WORK"
# Absolute paths: the programs run inside WORK (Erlang may write erl_crash.dump there).
TYCHO=$(realpath "$TYCHO") WASM_DIR=$(realpath "$WASM_DIR") BEAM_DIR=$(realpath "$BEAM_DIR")
WORK=$(realpath "$WORK")

log() { echo "$*" >&2; }

# scaled BASE MIN: round(BASE * SCALE), at least MIN.
scaled() { awk -v b="$1" -v s="$SCALE" -v m="$2" 'BEGIN { n = int(b * s + 0.5); print (n < m ? m : n) }'; }

S_SPAWN=$(scaled 100000 10)
S_MEMORY=${BENCH_MEMORY_N:-$(scaled 1000000 10)}
[[ $S_MEMORY =~ ^[1-9][0-9]*$ ]] || die "BENCH_MEMORY_N must be a positive integer, not '$S_MEMORY'"
S_PINGPONG=$(scaled 1000000 10)
S_RING_P=1000
S_RING_H=$(scaled 1000000 1000)
S_SKYNET=$(awk -v s="$SCALE" 'BEGIN { l = 6 + log(s) / log(10); l = int(l + (l < 0 ? -0.5 : 0.5));
                                      print (l < 1 ? 1 : (l > 7 ? 7 : l)) }')
S_FANIN_S=100
S_FANIN_M=$(scaled 100000 10)
S_REQUEST_R=$(scaled 100000 10)
S_REQUEST_Q=$(scaled 100000 10)
S_SPAWNREPLY=$(scaled 10000 10)

# ---- one run ------------------------------------------------------------------------
# run_prog RUNTIME WORKLOAD ARGS... — runs the program under the runtime with a
# watchdog (BENCH_TIMEOUT, BENCH_MEM_LIMIT_MB) and, for the memory workload, the stdin
# protocol (see bench/actors/memory.c). Sets:
#   R_OUT, R_ERR   files holding its stdout and stderr
#   R_FAIL         "" or why the run failed (exit status, checksum, watchdog)
#   R_PEAK_KB      peak resident memory seen (VmHWM; sampled)
#   R_START_KB, R_READY_KB   memory workload: VmRSS at "start" and at "ready"
#   R_ALIVE        memory workload: the last "alive K" progress line's K
#   R_SECS         wall time of the whole run
RUN_SEQ=0
run_prog() {
    local rt=$1 w=$2
    shift 2
    local cmd
    if [ "$rt" = tycho ]; then
        cmd=("$TYCHO" run --workers "$WORKERS" "$WASM_DIR/$w.wasm" "$@")
    else
        cmd=(erl +S "$WORKERS:$WORKERS" +P 4194304 -noshell -pa "$BEAM_DIR" -run "$w" main "$@")
    fi
    RUN_SEQ=$((RUN_SEQ + 1))
    R_OUT=$WORK/$RUN_SEQ-$w-$rt.out R_ERR=$WORK/$RUN_SEQ-$w-$rt.err
    R_FAIL="" R_PEAK_KB=0 R_START_KB="" R_READY_KB="" R_ALIVE=0
    : >"$R_OUT"
    local t0=$EPOCHREALTIME
    coproc PROG { cd "$WORK" && exec "${cmd[@]}" 2>"$R_ERR"; }
    # Duplicates: bash closes the coproc's own descriptors as soon as it ends, which
    # could lose output still in the pipe.
    local pid=$PROG_PID mpid=$PROG_PID rfd wfd
    exec {rfd}<&"${PROG[0]}" {wfd}>&"${PROG[1]}"
    local line part="" st
    while :; do
        if IFS= read -r -t 0.2 -u "$rfd" line; then
            line=$part$line part=""
            printf '%s\n' "$line" >>"$R_OUT"
            case $line in
            start\ *) mpid=${line#start } ;&  # Erlang names its OS pid (that of beam.smp)
            start)   R_START_KB=$(rss_kb "$mpid"); tell "$wfd" go ;;
            alive\ *) R_ALIVE=${line#alive } ;;
            ready*)  R_READY_KB=$(rss_kb "$mpid"); tell "$wfd" stop ;;
            esac
        else
            st=$?
            if [ "$st" -le 128 ]; then   # end of output
                [ -n "$line" ] && printf '%s\n' "$part$line" >>"$R_OUT"
                break
            fi
            part+=$line                  # timed out, maybe inside a line
        fi
        watchdog "$pid" "$t0" || break
    done
    exec {wfd}>&-
    { wait "$pid"; } 2>/dev/null      # (no "Killed" notice from bash after the watchdog)
    local rc=$?
    exec {rfd}<&-
    R_SECS=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
    if [ -z "$R_FAIL" ] && [ "$rc" -ne 0 ]; then
        R_FAIL="exit status $rc"
    fi
}

# tell FD LINE: writes a line to the program's stdin, in a subshell: if the program has
# already ended, SIGPIPE ends the subshell, not this script.
tell() { (echo "$2" >&"$1") 2>/dev/null; }

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

# watchdog PID T0: samples the peak RSS; kills the program (and returns 1) when it is
# above the memory cap or past the timeout.
watchdog() {
    local pid=$1 t0=$2 rss hwm
    read -r rss hwm < <(awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 } END { print r + 0, h + 0 }' \
        "/proc/$pid/status" 2>/dev/null)
    [ "${hwm:-0}" -gt "$R_PEAK_KB" ] && R_PEAK_KB=$hwm
    if [ "${rss:-0}" -gt "$MEM_LIMIT_KB" ]; then
        kill -KILL "$pid" 2>/dev/null
        R_FAIL="killed by the driver: resident memory $((rss / 1024)) MiB > BENCH_MEM_LIMIT_MB=$MEM_LIMIT_MB"
        return 1
    fi
    if awk -v a="$t0" -v b="$EPOCHREALTIME" -v t="$TIMEOUT" 'BEGIN { exit !(b - a > t) }'; then
        kill -KILL "$pid" 2>/dev/null
        R_FAIL="killed by the driver: still running after BENCH_TIMEOUT=$TIMEOUT s"
        return 1
    fi
    return 0
}

# result KEY: the value of "result KEY VALUE" in R_OUT (empty if none).
result() { awk -v k="$1" '$1 == "result" && $2 == k { v = $3 } END { print v }' "$R_OUT"; }

# expect KEY VALUE: R_OUT must say "check KEY VALUE"; sets R_FAIL otherwise.
expect() {
    [ -n "$R_FAIL" ] && return
    local got
    got=$(awk -v k="$1" '$1 == "check" && $2 == k { v = $3 } END { print v }' "$R_OUT")
    [ "$got" = "$2" ] || R_FAIL="check $1: got '${got:-nothing}', want '$2'"
}

# need KEY...: every "result KEY VALUE" must be there, VALUE a positive number.
need() {
    local k v
    for k in "$@"; do
        [ -n "$R_FAIL" ] && return
        v=$(result "$k")
        if ! [[ $v =~ ^[0-9]+(\.[0-9]+)?$ ]] || ! awk -v v="$v" 'BEGIN { exit !(v > 0) }'; then
            R_FAIL="no valid 'result $k' line (got '$v')"
        fi
    done
}

# ---- the workloads --------------------------------------------------------------------
# run_workload RUNTIME WORKLOAD [MEMORY_N]: one validated run. Sets R_* as run_prog, and
# FIG (KEY=VALUE ...) with its figures.
declare -A FIG
run_workload() {
    local rt=$1 w=$2 n
    FIG=()
    case $w in
    spawn)
        n=$S_SPAWN
        run_prog "$rt" spawn "$n"
        expect spawn_done_sum $((n * (n - 1) / 2))
        expect spawn_again_done_sum $((n * (n - 1) / 2))
        need spawn_us_per_process spawn_total_ms spawn_again_us_per_process
        ;;
    memory)
        n=${3:-$S_MEMORY}
        run_prog "$rt" memory "$n"
        expect memory_alive "$n"
        need memory_spawn_us_per_process
        if [ -z "$R_FAIL" ]; then
            if [ -z "$R_START_KB" ] || [ -z "$R_READY_KB" ]; then
                R_FAIL="could not read VmRSS at 'start' and 'ready'"
            else
                FIG[memory_bytes_per_process]=$(awk -v a="$R_START_KB" -v b="$R_READY_KB" -v n="$n" \
                    'BEGIN { printf "%.1f", (b - a) * 1024 / n }')
            fi
        fi
        ;;
    pingpong)
        n=$S_PINGPONG
        run_prog "$rt" pingpong "$n"
        expect pingpong_counter $((2 * n))
        need pingpong_ns_per_round_trip
        ;;
    ring)
        run_prog "$rt" ring "$S_RING_P" "$S_RING_H"
        expect ring_last_index $((S_RING_H % S_RING_P))
        need ring_ns_per_hop
        ;;
    skynet)
        run_prog "$rt" skynet "$S_SKYNET"
        local leaves=$((10 ** S_SKYNET))
        expect skynet_sum $((leaves * (leaves - 1) / 2))
        need skynet_ms
        ;;
    fanin)
        run_prog "$rt" fanin "$S_FANIN_S" "$S_FANIN_M"
        expect fanin_sum $((S_FANIN_S * (S_FANIN_M * (S_FANIN_M + 1) / 2)))
        need fanin_msgs_per_sec
        ;;
    request)
        run_prog "$rt" request "$S_REQUEST_R" "$S_REQUEST_Q"
        expect request_sum $((S_REQUEST_R * (S_REQUEST_R + 1)))
        expect request_left "$S_REQUEST_Q"
        need request_ns_empty request_ns_queued
        ;;
    spawnreply)
        run_prog "$rt" spawnreply "$S_SPAWNREPLY"
        expect spawnreply_replies $((2 * S_SPAWNREPLY + S_SPAWNREPLY / 10 + 1))
        need spawnreply_us spawnreply_alive_us spawnreply_restart_us
        ;;
    esac
    local tag k v
    while read -r tag k v; do
        [ "$tag" = result ] && FIG[$k]=$v
    done <"$R_OUT"
}

# What went wrong, in a few lines (for failures).
why() {
    echo "$R_FAIL"
    if [ -s "$R_ERR" ]; then tail -n 5 "$R_ERR" | sed 's/^/      stderr: /'; fi
    if [ -n "$R_ALIVE" ] && [ "$R_ALIVE" != 0 ]; then
        echo "      last progress line: alive $R_ALIVE"
    fi
}

mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }

# The headline figure of a run, for the progress log.
headline() {
    case $1 in
    spawn) echo "${FIG[spawn_us_per_process]} us/spawn, ${FIG[spawn_total_ms]} ms in all, again ${FIG[spawn_again_us_per_process]} us/spawn" ;;
    memory) echo "$(awk -v b="${FIG[memory_bytes_per_process]}" 'BEGIN { printf "%.2f", b / 1024 }') KiB/process (RSS $(mib "$R_START_KB") -> $(mib "$R_READY_KB"))" ;;
    pingpong) echo "${FIG[pingpong_ns_per_round_trip]} ns/round trip" ;;
    ring) echo "${FIG[ring_ns_per_hop]} ns/hop" ;;
    skynet) echo "${FIG[skynet_ms]} ms" ;;
    fanin) echo "${FIG[fanin_msgs_per_sec]} msgs/s" ;;
    request) echo "${FIG[request_ns_empty]} ns/request, ${FIG[request_ns_queued]} with $S_REQUEST_Q queued" ;;
    spawnreply) echo "${FIG[spawnreply_us]} us/spawn-and-reply, ${FIG[spawnreply_alive_us]} all alive, ${FIG[spawnreply_restart_us]} per restart" ;;
    esac
}

label() {
    case $1 in
    spawn) echo "spawn N=$S_SPAWN" ;;
    memory) echo "memory N=${2:-$S_MEMORY}" ;;
    pingpong) echo "ping-pong N=$S_PINGPONG" ;;
    ring) echo "ring P=$S_RING_P H=$S_RING_H" ;;
    skynet) echo "skynet L=$S_SKYNET" ;;
    fanin) echo "fan-in ${S_FANIN_S}x$S_FANIN_M" ;;
    request) echo "request R=$S_REQUEST_R Q=$S_REQUEST_Q" ;;
    spawnreply) echo "spawnreply N=$S_SPAWNREPLY" ;;
    esac
}

# ---- check mode: validity only --------------------------------------------------------
if [ "$CHECK" = 1 ]; then
    pass=0 fail=0
    for w in "${WORKLOADS[@]}"; do
        for rt in tycho erlang; do
            run_workload "$rt" "$w"
            if [ -z "$R_FAIL" ]; then
                pass=$((pass + 1))
                echo "ok   $(label "$w") $rt: $(headline "$w")"
            else
                fail=$((fail + 1))
                echo "FAIL $(label "$w") $rt: $(why)"
            fi
        done
    done
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit
fi

# ---- bench mode -----------------------------------------------------------------------
declare -A VALS        # "workload runtime key" -> space-separated values of the runs
declare -A FAILED      # "workload runtime" -> 1
status=0
MEM_N=$S_MEMORY

log "bench-actors: $WORKERS workers, $RUNS run(s) each (medians), scale $SCALE, memory cap $MEM_LIMIT_MB MiB per run"
for w in "${WORKLOADS[@]}"; do
    for ((r = 1; r <= RUNS; r++)); do
        for rt in tycho erlang; do
            run_workload "$rt" "$w" "$MEM_N"
            # The memory workload may not fit at N: halve N on the first run until it does.
            while [ "$w" = memory ] && [ "$rt" = tycho ] && [ "$r" = 1 ] && [ -n "$R_FAIL" ] &&
                  [ "$MEM_N" -ge 2000 ]; do
                local_why=$(why)
                log "$w: tycho run 1/$RUNS at N=$MEM_N FAILED ($R_SECS s): $local_why"
                NOTES+=("memory: tycho FAILED at N=$MEM_N: $local_why")
                MEM_N=$((MEM_N / 2))
                log "$w: tycho retrying with N=$MEM_N"
                run_workload "$rt" "$w" "$MEM_N"
            done
            if [ -n "$R_FAIL" ]; then
                FAILED["$w $rt"]=1
                status=1
                log "$w: $rt run $r/$RUNS FAILED ($R_SECS s): $(why)"
                NOTES+=("$(label "$w" "$MEM_N") $rt run $r FAILED: $(why)")
                continue
            fi
            for k in "${!FIG[@]}"; do VALS["$w $rt $k"]+="${FIG[$k]} "; done
            peak=""
            [ "$R_PEAK_KB" -gt 0 ] && peak=", peak RSS $(mib "$R_PEAK_KB")"
            log "$w: $rt run $r/$RUNS ... $(headline "$w") ($R_SECS s$peak)"
        done
    done
done
if [ "$MEM_N" != "$S_MEMORY" ]; then
    NOTES+=("memory: the table uses N=$MEM_N, the largest N (halving from $S_MEMORY) at which tycho's run worked")
fi

median() { tr ' ' '\n' | awk 'NF' | sort -g | awk '{ v[n++] = $1 } END {
    if (n) print (n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2) }'; }

# fmt NUMBER: 3 significant-ish digits, no exponent.
fmt() { awk -v v="$1" 'BEGIN { if (v >= 1000) printf "%.0f", v; else if (v >= 100) printf "%.1f", v;
                               else if (v >= 10) printf "%.2f", v; else printf "%.3f", v }'; }

# row LABEL UNIT WORKLOAD KEY DIVISOR TARGET: one table line. TARGET: "le" (ratio <= 1),
# "ge" (ratio >= 1), "kib16" (tycho <= 16 KiB), or "-".
row() {
    local lbl=$1 unit=$2 w=$3 key=$4 div=$5 target=$6 t e ratio="-" tgt="-" verdict=""
    [[ " ${WORKLOADS[*]} " == *" $w "* ]] || return
    t=$(printf '%s' "${VALS["$w tycho $key"]:-}" | median)
    e=$(printf '%s' "${VALS["$w erlang $key"]:-}" | median)
    [ -n "$t" ] && t=$(awk -v v="$t" -v d="$div" 'BEGIN { print v / d }')
    [ -n "$e" ] && e=$(awk -v v="$e" -v d="$div" 'BEGIN { print v / d }')
    [ -n "$t" ] && [ -n "$e" ] && ratio=$(awk -v a="$t" -v b="$e" 'BEGIN { printf "%.2fx", a / b }')
    case $target in
    le) tgt="<= 1.0x"
        [ "$ratio" != - ] && verdict=$(awk -v a="$t" -v b="$e" 'BEGIN { print (a <= b ? "met" : "MISSED") }') ;;
    ge) tgt=">= 1.0x"
        [ "$ratio" != - ] && verdict=$(awk -v a="$t" -v b="$e" 'BEGIN { print (a >= b ? "met" : "MISSED") }') ;;
    kib16) tgt="<= 16 KiB"
        [ -n "$t" ] && verdict=$(awk -v a="$t" 'BEGIN { print (a <= 16 ? "met" : "MISSED") }') ;;
    us20) tgt="<= 20 us"
        [ -n "$t" ] && verdict=$(awk -v a="$t" 'BEGIN { print (a <= 20 ? "met" : "MISSED") }') ;;
    flat) tgt="<= 1.5x empty"    # the queued figure against tycho's own empty-mailbox one
        local t0
        t0=$(printf '%s' "${VALS["$w tycho request_ns_empty"]:-}" | median)
        [ -n "$t" ] && [ -n "$t0" ] &&
            verdict=$(awk -v a="$t" -v b="$t0" 'BEGIN { print (a <= 1.5 * b ? "met" : "MISSED") }') ;;
    esac
    if [ -z "$t" ]; then t=FAILED; else t=$(fmt "$t"); [ -n "${FAILED["$w tycho"]:-}" ] && t="$t!"; fi
    if [ -z "$e" ]; then e=FAILED; else e=$(fmt "$e"); [ -n "${FAILED["$w erlang"]:-}" ] && e="$e!"; fi
    printf '%-14s %-22s %12s %12s %10s   %-10s %s\n' "$lbl" "$unit" "$t" "$e" "$ratio" "$tgt" "$verdict"
}

echo
echo "bench-actors: tycho vs Erlang/OTP $(erl -noshell -eval 'io:format("~s", [erlang:system_info(otp_release)]), halt().' 2>/dev/null)," \
     "$WORKERS workers / schedulers, median of $RUNS run(s), scale $SCALE"
printf '%-14s %-22s %12s %12s %10s   %-10s %s\n' workload unit tycho erlang "tycho/erl" target ""
row spawn "us/spawn" spawn spawn_us_per_process 1 le
row "spawn+stop" "ms, $S_SPAWN processes" spawn spawn_total_ms 1 -
row "spawn again" "us/spawn (2nd round)" spawn spawn_again_us_per_process 1 -
row memory "KiB/process" memory memory_bytes_per_process 1024 kib16
row ping-pong "ns/round trip" pingpong pingpong_ns_per_round_trip 1 le
row ring "ns/hop" ring ring_ns_per_hop 1 le
row skynet "ms, L=$S_SKYNET" skynet skynet_ms 1 le
row fan-in "msgs/s" fanin fanin_msgs_per_sec 1 ge
row request "ns/request" request request_ns_empty 1 -
row "request, queued" "ns/req, $S_REQUEST_Q queued" request request_ns_queued 1 flat
row "spawn (Rust)" "us/spawn+1st reply" spawnreply spawnreply_us 1 us20
row "spawn (Rust)" "us, all alive" spawnreply spawnreply_alive_us 1 -
row "restart (Rust)" "us/restart" spawnreply spawnreply_restart_us 1 -
sizes=()
for w in "${WORKLOADS[@]}"; do sizes+=("$(label "$w" "$MEM_N")"); done
(IFS=';'; echo "sizes: ${sizes[*]}" | sed 's/;/; /g')
if [ "$status" -ne 0 ]; then
    echo "(a figure marked ! had failed runs; it is the median of the runs that worked)"
fi
for n in "${NOTES[@]}"; do echo "NOTE: $n"; done
# The machine's price of a fresh page (a new process's first touches are page faults).
if [ -n "${BENCH_PAGEFAULT:-}" ] && [ -x "$BENCH_PAGEFAULT" ]; then "$BENCH_PAGEFAULT" 256; fi
exit "$status"
