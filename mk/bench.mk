# bench.mk — `make bench`: each bench/programs/NAME.c is built twice from the same source,
# natively (gcc -O2, linked into the harness as bench_native_NAME) and to NAME.wasm
# (freestanding, no imports); $(BUILD)/bench/bench runs both and compares.
#   make bench                      all programs + the instantiation benchmark
#   make bench BENCH_ARGS="fib lz"  a subset (BENCH_ARGS="-n 1" for single runs)
#   make bench-wasi                 only the whole-process table (tycho run vs native)

BENCH_DIR      := $(BUILD)/bench
BENCH_NAMES    := $(sort $(basename $(notdir $(wildcard bench/programs/*.c))))
BENCH_WASM     := $(BENCH_NAMES:%=$(BENCH_DIR)/%.wasm)
BENCH_NATIVE   := $(BENCH_NAMES:%=$(BENCH_DIR)/native/%.o)
BENCH_NATIVE_CC     ?= gcc
BENCH_NATIVE_CFLAGS ?= -O2
WASM_CC        ?= clang-19
# -fno-builtin: keep loops as loops instead of calls to memset/memcpy, which a
# -nostdlib module would have to import.
WASM_CFLAGS    ?= --target=wasm32-wasi -O2 -fno-builtin -nostdlib -mexec-model=reactor \
                  -Wl,--no-entry -Wl,--export=run
BENCH_ARGS     ?=

.PHONY: bench bench-build
bench: bench-build bench-wasi-build
	$(BENCH_DIR)/bench $(BENCH_ARGS)
	$(BENCH_WASI_RUN)

bench-build: $(BENCH_DIR)/bench $(BENCH_WASM)

# The harness includes this list: BENCH(name) per program. Rewritten only when it changes.
$(BENCH_DIR)/programs.def: FORCE_BENCH_DEF
	@mkdir -p $(dir $@)
	@printf '$(foreach n,$(BENCH_NAMES),BENCH($(n))\n)' | sed 's/^ //' > $@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi
.PHONY: FORCE_BENCH_DEF

$(BENCH_DIR)/bench.o: bench/bench.c $(BENCH_DIR)/programs.def
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -Iengine -I$(BENCH_DIR) -MMD -MP -c $< -o $@

$(BENCH_DIR)/native/%.o: bench/programs/%.c
	@mkdir -p $(dir $@)
	$(BENCH_NATIVE_CC) -std=c11 -Wall -Wextra $(BENCH_NATIVE_CFLAGS) -Drun=bench_native_$* -c $< -o $@

$(BENCH_DIR)/bench: $(BENCH_DIR)/bench.o $(BENCH_NATIVE) $(ENGINE_LIB)
	$(LINK)

# Built, then checked to import nothing: the harness instantiates it with no imports.
$(BENCH_DIR)/%.wasm: bench/programs/%.c
	@mkdir -p $(dir $@)
	$(WASM_CC) $(WASM_CFLAGS) -o $@.tmp $<
	@if wasm-objdump -x $@.tmp | grep -A100 '^Import\[' | grep ' <- '; then \
	    echo "$@: must import nothing"; rm -f $@.tmp; exit 1; fi
	@mv $@.tmp $@

# In the test suite: every benchmark once, natively and in tycho, checksums compared.
# Real C programs exercise the compiler's fused instructions far more than the spec does.
.PHONY: test-bench-checksums
TEST_TARGETS += test-bench-checksums
test-bench-checksums: bench-build
	@$(BENCH_DIR)/bench -n 1 $(BENCH_NAMES) && echo "$(words $(BENCH_NAMES)) passed, 0 failed"

# Whole processes: each program again as a command (bench/wasi_main.c prints run()'s
# checksum) built natively and for wasm32-wasi with wasi-libc, plus examples/hello.c both
# ways; $(BENCH_DIR)/wasi_bench times them as processes, the wasm ones via `tycho run`.
#   make bench WASI_BENCH_ARGS="-n 1 -s 50"   fewer runs
BENCH_CMD_DIR   := $(BENCH_DIR)/cmd
BENCH_CMDS      := $(BENCH_NAMES:%=$(BENCH_CMD_DIR)/%) $(BENCH_NAMES:%=$(BENCH_CMD_DIR)/%.wasm) \
                   $(BENCH_CMD_DIR)/hello $(BENCH_CMD_DIR)/hello.wasm
WASI_CMD_CFLAGS ?= --target=wasm32-wasi -O2
WASI_BENCH_ARGS ?=

# The programs named in BENCH_ARGS, or all of them.
BENCH_WASI_RUN   = $(BENCH_DIR)/wasi_bench $(WASI_BENCH_ARGS) $(BUILD)/tycho $(BENCH_CMD_DIR) \
                   $(or $(filter $(BENCH_NAMES),$(BENCH_ARGS)),$(BENCH_NAMES))

.PHONY: bench-wasi bench-wasi-build
bench-wasi: bench-wasi-build    # the second table alone
	$(BENCH_WASI_RUN)
bench-wasi-build: $(BENCH_DIR)/wasi_bench $(BUILD)/tycho $(BENCH_CMDS)

$(BENCH_DIR)/wasi_bench: $(BENCH_DIR)/wasi_bench.o
	$(CC) $(CFLAGS) -o $@ $^ -lm

$(BENCH_CMD_DIR)/%.wasm: bench/programs/%.c bench/wasi_main.c
	@mkdir -p $(dir $@)
	$(WASM_CC) $(WASI_CMD_CFLAGS) -o $@ bench/wasi_main.c $<

$(BENCH_CMD_DIR)/%: bench/programs/%.c bench/wasi_main.c
	@mkdir -p $(dir $@)
	$(BENCH_NATIVE_CC) -std=c11 $(BENCH_NATIVE_CFLAGS) -o $@ bench/wasi_main.c $<

$(BENCH_CMD_DIR)/hello.wasm: examples/hello.c
	@mkdir -p $(dir $@)
	$(WASM_CC) $(WASI_CMD_CFLAGS) -o $@ $<

$(BENCH_CMD_DIR)/hello: examples/hello.c
	@mkdir -p $(dir $@)
	$(BENCH_NATIVE_CC) -std=c11 $(BENCH_NATIVE_CFLAGS) -o $@ $<
