# rust.mk — Rust guest programs (tests/rust/): lunatic-rs-shaped processes and a test
# binary for tycho's test mode, built for wasm32-wasip1 with Debian's Rust offline:
# rustc-web + cargo-web 1.96, std built from rust-web-src (-Zbuild-std, once per build
# directory: about a minute), its crates from the source tree's library/vendor, linked
# by wasm-ld-22 (the wasm-ld of rustc's LLVM) against Debian's wasi-libc.
#   make rust-guests      build them (skipped with a line saying why when the
#                         toolchain is missing: scripts/install-deps.sh installs it)
#   make test-rust        run them (tests/rust/run.sh)

RUSTC_DEB   ?= /usr/bin/rustc
CARGO_DEB   ?= /usr/bin/cargo
WASM_LD_22  ?= /usr/bin/wasm-ld-22
WASI_LIBC   ?= /usr/lib/wasm32-wasi
RUST_OUT    := $(abspath $(BUILD)/rust)
RUST_WASM   := $(RUST_OUT)/target/wasm32-wasip1/release
RUST_SRC     = $(shell $(RUSTC_DEB) --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library
RUST_STUBS  := $(RUST_OUT)/libcompat.a
RUST_CARGO   = RUSTC_DEB=$(RUSTC_DEB) CARGO_DEB=$(CARGO_DEB) WASM_LD_22=$(WASM_LD_22) \
               WASI_LIBC=$(WASI_LIBC) $(abspath tests/rust/cargo.sh) $(RUST_OUT)
RUST_BUILD_FLAGS = --release --target wasm32-wasip1 -Zbuild-std=std,panic_abort -Zpanic-abort-tests
RUST_TOOLS  := $(RUSTC_DEB) $(CARGO_DEB) $(WASM_LD_22) $(RUST_SRC)/vendor

# Empty when the toolchain is complete; else the first missing piece.
RUST_MISSING = $(firstword $(foreach t,$(RUST_TOOLS),$(if $(wildcard $(t)),,$(t))))

.PHONY: rust-guests test-rust
$(RUST_STUBS): tests/rust/libc_compat.c
	@mkdir -p $(dir $@)
	$(SDK_CC) --target=wasm32-wasi -O2 -c $< -o $(RUST_OUT)/libc_compat.o
	@rm -f $@
	$(SDK_AR) rcs $@ $(RUST_OUT)/libc_compat.o

rust-guests: $(RUST_STUBS)
	@if [ -n "$(RUST_MISSING)" ]; then \
	    echo "rust-guests: skipped: $(RUST_MISSING) is missing (scripts/install-deps.sh installs rustc-web cargo-web rust-web-src lld-22)"; \
	else \
	    echo "rust-guests: cargo build (std is built once per build directory)"; \
	    $(RUST_CARGO) build $(RUST_BUILD_FLAGS) --bins && \
	    $(RUST_CARGO) test $(RUST_BUILD_FLAGS) --no-run --test test_mode; \
	fi

TEST_TARGETS += test-rust
test-rust: $(BUILD)/tycho rust-guests
	@RUST_CARGO="env $(RUST_CARGO)" RUST_BUILD_FLAGS="$(RUST_BUILD_FLAGS)" \
	    tests/rust/run.sh $(abspath $(BUILD)/tycho) $(RUST_WASM) "$(RUST_MISSING)"
