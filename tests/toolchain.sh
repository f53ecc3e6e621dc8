# toolchain.sh — sourced by the run.sh of tests that need an optional toolchain:
#   toolchain_missing TARGET MISSING PACKAGES
# returns when MISSING is empty; otherwise ends the script: a loud skip, or, when CI is
# set, a failure (a test suite must not pass by running nothing).
toolchain_missing() {
    local target=$1 missing=$2 pkgs=$3
    [ -z "$missing" ] && return 0
    if [ -n "${CI:-}" ]; then
        echo "$target: FAIL: $missing is missing (scripts/install-deps.sh installs $pkgs)"
        echo "0 passed, 1 failed"
        exit 1
    fi
    echo "$target: SKIPPED: $missing is missing (scripts/install-deps.sh installs $pkgs)"
    echo "0 passed, 0 failed"
    exit 0
}
