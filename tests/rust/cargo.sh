#!/usr/bin/env bash
# cargo.sh — Debian's Rust for wasm32-wasip1, offline, std built from source:
#   tests/rust/cargo.sh OUT_DIR CARGO_ARGS...
# runs `cargo CARGO_ARGS` on tests/rust/ with its target directory and CARGO_HOME under
# OUT_DIR (no ~/.cargo config is read), std's crates from rust-web-src's library/vendor
# as the only source, wasm-ld-22 against Debian's wasi-libc, and the pthread stubs of
# OUT_DIR/libcompat.a (see libc_compat.c). With TYCHO_RUNNER set, that tycho is
# cargo's runner for wasm32-wasip1 (`cargo test` runs the tests in tycho's test mode).
# Tools: RUSTC_DEB, CARGO_DEB, WASM_LD_22, WASI_LIBC (Debian's paths by default).
set -euo pipefail
out=$1
shift
rustc=${RUSTC_DEB:-/usr/bin/rustc}
cargo=${CARGO_DEB:-/usr/bin/cargo}
wasm_ld=${WASM_LD_22:-/usr/bin/wasm-ld-22}
libc=${WASI_LIBC:-/usr/lib/wasm32-wasi}
src=$("$rustc" --print sysroot)/lib/rustlib/src/rust/library
flags="[\"-C\",\"link-self-contained=no\",\"-C\",\"link-arg=-L$libc\",\"-C\",\"link-arg=$libc/crt1-command.o\",\"-C\",\"link-arg=$out/libcompat.a\"]"
config=(--config 'source.crates-io.replace-with="std-vendor"'
        --config "source.std-vendor.directory=\"$src/vendor\""
        --config "target.wasm32-wasip1.linker=\"$wasm_ld\""
        --config "target.wasm32-wasip1.rustflags=$flags")
if [ -n "${TYCHO_RUNNER:-}" ]; then
    config+=(--config "target.wasm32-wasip1.runner=[\"$TYCHO_RUNNER\"]")
fi
cd "$(dirname "$0")"
exec env RUSTC="$rustc" RUSTC_BOOTSTRAP=1 CARGO_HOME="$out/cargo-home" \
    CARGO_TARGET_DIR="$out/target" "$cargo" --offline --quiet "${config[@]}" "$@"
