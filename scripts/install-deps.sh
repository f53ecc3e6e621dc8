#!/usr/bin/env bash
# install-deps.sh — makes sure tycho's build and test dependencies are installed
# (Debian packages). `make` runs it every time, so the check when everything is present
# is a single dpkg-query call and prints nothing.
#
#   scripts/install-deps.sh --check-or-install   install what is missing (apt-get)
#   scripts/install-deps.sh --check              only report; exit 1 if anything is missing
set -euo pipefail

# gcc/make: the build; clang-19 + lld-19 + wasi-libc + libclang-rt-19-dev-wasm32: C to
# wasm32-wasi for guests and benchmarks; libclang-rt-19-dev: ASan/UBSan/libFuzzer runtimes
# for clang-19; wabt: wast2json/wat2wasm for the tests; erlang-base: the Erlang reference
# in comparisons; llvm-19: llvm-ar-19, which indexes the guest SDK's wasm library;
# rustc-web + cargo-web + rust-web-src (Rust 1.96, std built from source for
# wasm32-wasip1) + lld-22 (the wasm-ld of that rustc's LLVM): the Rust guest programs of
# the tests (tests/rust/, mk/rust.mk); libssl-dev: TLS (runtime/tls.c); openssl: test
# certificates and a TLS client in the tests; wrk + nginx-light: `make bench-net`'s client
# and reference server.
PKGS=(gcc make clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 libclang-rt-19-dev wabt
      erlang-base llvm-19 rustc-web cargo-web rust-web-src lld-22 libssl-dev openssl wrk
      nginx-light)
# nodejs + npm: the AssemblyScript compiler (from npm) for tests/assemblyscript/. Wanted
# as commands, not packages: a node from elsewhere (nodesource's nodejs, which carries its
# own npm and conflicts with Debian's) is used as it is.
CMD_PKGS=(node:nodejs npm:npm)
# What to look for when there is no dpkg (not Debian): the commands those packages give.
CMDS=(gcc make clang-19 ld.lld-19 wast2json erl llvm-ar-19 cargo wasm-ld-22 node npm openssl wrk
      nginx)

say() { echo "install-deps: $*"; }
die() { echo "install-deps: error: $*" >&2; exit 1; }

mode=${1:---check-or-install}
case $mode in
    --check-or-install|--check) ;;
    -h|--help) sed -n '2,7s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option '$mode' (use --check-or-install or --check)" ;;
esac

missing_pkgs() {
    local status p
    status=$(dpkg-query -W -f='${Package} ${Status}\n' "${PKGS[@]}" 2>/dev/null || true)
    for p in "${PKGS[@]}"; do
        grep -q "^$p .* installed\$" <<<"$status" || echo "$p"
    done
    for cp in "${CMD_PKGS[@]}"; do
        command -v "${cp%%:*}" >/dev/null 2>&1 || echo "${cp#*:}"
    done
}

if ! command -v dpkg-query >/dev/null 2>&1; then
    missing=()
    for c in "${CMDS[@]}"; do
        command -v "$c" >/dev/null 2>&1 || missing+=("$c")
    done
    [ ${#missing[@]} -eq 0 ] && exit 0
    die "not a Debian system and these commands are missing: ${missing[*]}; install" \
        "the equivalents of: ${PKGS[*]}"
fi

mapfile -t missing < <(missing_pkgs)
[ ${#missing[@]} -eq 0 ] && exit 0

say "missing packages: ${missing[*]}"
[ "$mode" = --check ] && exit 1

if [ "$(id -u)" -eq 0 ]; then
    run=(env DEBIAN_FRONTEND=noninteractive)
elif command -v sudo >/dev/null 2>&1; then
    run=(sudo env DEBIAN_FRONTEND=noninteractive)
else
    die "installing needs root: run as root, or install sudo, or run:" \
        "apt-get install ${missing[*]}"
fi

say "apt-get update"
"${run[@]}" apt-get update -qq || die "apt-get update failed"
say "apt-get install ${missing[*]}"
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
    die "apt-get install failed (are the packages in your apt sources? they are in Debian 12 and its security updates)"

mapfile -t still < <(missing_pkgs)
[ ${#still[@]} -eq 0 ] || die "still missing after apt-get install: ${still[*]}"
say "all dependencies installed"
