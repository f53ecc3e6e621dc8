#!/usr/bin/env bash
# run.sh — the Rust guest tests: lunatic-rs-shaped programs and tycho's test mode.
#   tests/rust/run.sh TYCHO RUST_WASM_DIR MISSING
# Each case runs a command; its stdout+stderr, normalised (test-result lines sorted: tests
# end in any order; "finished in" times and the spawn benchmark's figures replaced), must
# equal tests/rust/expected/NAME.out and its exit status the one listed. MISSING names a
# piece of the Rust toolchain that is not installed: the cases are skipped with a line
# saying so, or, when CI is set, fail. `cargo test` runs through $RUST_CARGO (mk/rust.mk).
# UPDATE_EXPECTED=1 writes what each case printed as its expected output.
set -u
T=$1 W=$2 missing=$3
S=$(dirname "$0")
. "$S/../toolchain.sh"
toolchain_missing test-rust "$missing" "rustc-web cargo-web rust-web-src lld-22"
unset RUST_BACKTRACE RUST_TEST_THREADS
TB=$(ls -t "$W"/deps/test_mode-*.wasm 2>/dev/null | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$TB" "$work/tests.wasm"

normalise() {
    sed -E 's/finished in [0-9]+\.[0-9]+s/finished in T/; s/^(result [a-z_]+) [0-9.]+$/\1 N/' |
    awk '/^test .* \.\.\. / { print | "sort"; sorting = 1; next }
         { if (sorting) { close("sort"); sorting = 0 } print }'
}

pass=0 fail=0
# case NAME EXPECTED_EXIT COMMAND...
case_() {
    local name=$1 want_rc=$2
    shift 2
    local got rc
    got=$(cd "$work" && "$@" 2>&1 </dev/null); rc=$?
    got=$(printf '%s\n' "$got" | normalise)
    local want_file=$S/expected/$name.out
    if [ -n "${UPDATE_EXPECTED:-}" ]; then   # (to write the expected outputs: review them!)
        printf '%s\n' "$got" > "$want_file"
        echo "wrote $want_file (exit $rc)"
    fi
    if [ ! -f "$want_file" ]; then
        fail=$((fail + 1))
        echo "FAIL $name: no expected output $want_file (got, exit $rc:)"
        printf '%s\n' "$got" | head -40
        return
    fi
    if [ "$rc" = "$want_rc" ] && [ "$got" = "$(cat "$want_file")" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s: exit %s (want %s)\n' "$name" "$rc" "$want_rc"
        diff <(cat "$want_file") <(printf '%s\n' "$got") | head -40
    fi
}

case_ rust_processes 0 "$T" "$W/rust_processes.wasm"
case_ rust_spawn 0 "$T" "$W/rust_spawn.wasm" 200
# std::fs over WASI (docs/wasi.md): run in an empty preopened directory, which it empties
mkdir -p "$work/data"
case_ rust_fs 0 "$T" --dir data::data "$W/rust_fs.wasm"
if [ -n "$(ls -A "$work/data")" ]; then
    fail=$((fail + 1))
    echo "FAIL rust_fs left files behind: $(ls -A "$work/data" | tr '\n' ' ')"
fi
# cargo test, with tycho as the runner (.cargo/config.toml's `runner = "tycho"`)
# (cargo.sh runs cargo --quiet, which asks the harness for terse output: --format pretty)
case_ cargo_test 101 env TYCHO_RUNNER="$T" $RUST_CARGO test $RUST_BUILD_FLAGS --test test_mode -- --format pretty
# the test binary where cargo puts it (recognised by its path), with libtest's options
case_ test_filter 0 "$T" "$TB" registers
case_ test_exact 0 "$T" "$TB" --exact test_mode::adds
case_ test_exact_none 0 "$T" "$TB" --exact adds
case_ test_ignored 101 "$T" "$TB" --ignored
case_ test_include_ignored 0 "$T" "$TB" --include-ignored --exact test_mode::ignored_should_panic test_mode::adds
case_ test_list 0 "$T" "$TB" --list
case_ test_list_ignored 0 "$T" "$TB" --list --ignored
case_ test_skip 0 "$T" "$TB" --skip panics_with_something --skip fails --skip exits --skip does_not --skip linked
case_ test_quiet 0 "$T" "$TB" -q --skip panics_with_something --skip fails --skip exits --skip does_not --skip linked
case_ test_nocapture 101 "$T" "$TB" --nocapture --test-threads 1 prints_and_passes does_not_panic
case_ test_show_output 0 "$T" "$TB" --show-output --test-threads=1 prints_and
case_ test_one_thread 0 "$T" "$TB" --test-threads 1 registers
case_ test_bad_option 101 "$T" "$TB" --frobnicate
# `tycho test` on a binary anywhere
case_ test_subcommand 0 "$T" test tests.wasm --exact test_mode::adds
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
