#!/usr/bin/env bash
# run-tests.sh — the whole test suite (`make test`): every test target of the Makefile
# (TEST_TARGETS: unit tests, guest programs, CLI, spec suite), first in the normal build
# (build/, $CC), then in an AddressSanitizer+UndefinedBehaviorSanitizer build
# (build-asan/, clang-19), then the multi-threaded ones (processes, examples, actor
# workloads, the Rust guests and the test mode: TSAN_TARGETS) in a ThreadSanitizer build
# (build-tsan/, clang-19). Each target ends with a line "N passed, N failed"; a target
# that fails without such a line counts as one failure. The last line is the total.
set -u
cd "$(dirname "$0")/.."

MAKE=${MAKE:-make}
ASAN_CC=${ASAN_CC:-clang-19}
ASAN_CFLAGS=${ASAN_CFLAGS:--O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer}
TSAN_CFLAGS=${TSAN_CFLAGS:--O1 -g -fsanitize=thread -fno-omit-frame-pointer}
TSAN_TARGETS=${TSAN_TARGETS:-test-processes test-examples-processes test-bench-actors test-rust test-net}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1 second_deadlock_stack=1}

total_pass=0 total_fail=0 broken=()
log_dir=build/test-logs
mkdir -p "$log_dir"

run_build() {   # name, targets ("" = all), make variables...
    local name=$1 only=$2; shift 2
    echo "== $name build: compiling"
    if ! $MAKE -s "$@" build >"$log_dir/$name-build.log" 2>&1; then
        cat "$log_dir/$name-build.log"
        echo "$name build: compilation failed"
        total_fail=$((total_fail + 1)); broken+=("$name:build")
        return
    fi
    local t
    local targets=$only
    [ -n "$targets" ] || targets=$($MAKE -s --no-print-directory "$@" print-tests)
    for t in $targets; do
        local log="$log_dir/$name-$t.log" start=$SECONDS
        $MAKE -s --no-print-directory "$@" "$t" >"$log" 2>&1
        local rc=$?
        local line
        line=$(grep -E '^([A-Za-z_-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
        local p=0 f=0
        if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
            p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]}
        fi
        if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
        total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
        printf '%-8s %-16s %s (%ds)\n' "$name" "$t" "${line:-exit $rc}" $((SECONDS - start))
        if [ "$f" -ne 0 ]; then
            broken+=("$name:$t")
            tail -n 40 "$log" | sed 's/^/    | /'
        fi
    done
}

run_build normal "" BUILD=build
run_build asan "" BUILD=build-asan CC="$ASAN_CC" CFLAGS="$ASAN_CFLAGS"
run_build tsan "$TSAN_TARGETS" BUILD=build-tsan CC="$ASAN_CC" CFLAGS="$TSAN_CFLAGS"

if [ ${#broken[@]} -ne 0 ]; then
    echo "failing: ${broken[*]} (logs in $log_dir/)"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
