# wasi.mk — WASI preview 1 (wasi/, linked into tycho) and its tests.
#   make test-wasi   C programs in tests/wasi/ compiled with clang-19 --target=wasm32-wasi
#                    (wasi-libc) into $(BUILD)/wasi/, run by tests/wasi/run.sh through
#                    tycho: stdout and exit codes checked exactly, sandbox escapes included.
#   make test-wasi-shared   tests/wasi/test_shared.c: shared host functions serving many
#                    contexts, tw_wasi_wait_info, import type checks, several threads; its
#                    guest is tests/wasi/guests/shared.c (raw WASI calls, no libc).

WASI_SRC := $(wildcard wasi/*.c)
WASI_OBJ := $(WASI_SRC:%.c=$(BUILD)/%.o)
$(BUILD)/tycho: $(WASI_OBJ)

WASI_TEST_CC     ?= clang-19
WASI_TEST_CFLAGS ?= --target=wasm32-wasi -O2 -Wall -Wextra
# Guest programs: every tests/wasi/*.c but the host-side unit tests (test_*.c).
WASI_TESTS := $(patsubst tests/wasi/%.c,$(BUILD)/wasi/%.wasm,\
                $(filter-out tests/wasi/test_%.c,$(wildcard tests/wasi/*.c)))

$(BUILD)/wasi/%.wasm: tests/wasi/%.c tests/wasi/check.h
	@mkdir -p $(dir $@)
	$(WASI_TEST_CC) $(WASI_TEST_CFLAGS) -o $@ $<

# WASI examples of the README (examples/hello.c, examples/wc.c): real commands with _start.
WASI_EXAMPLES := $(BUILD)/examples/wasi/hello.wasm $(BUILD)/examples/wasi/wc.wasm
$(BUILD)/examples/wasi/%.wasm: examples/%.c
	@mkdir -p $(dir $@)
	$(WASI_TEST_CC) $(WASI_TEST_CFLAGS) -o $@ $<

.PHONY: test-wasi
TEST_TARGETS += test-wasi
test-wasi: $(BUILD)/tycho $(WASI_TESTS) $(WASI_EXAMPLES)
	tests/wasi/run.sh $(BUILD)/tycho $(BUILD)/wasi $(BUILD)/examples/wasi $(BUILD)/wasi-test

# The sandbox against a symlink swapped mid-call by a host process (tests/wasi/race.sh):
# a few seconds, both sandbox modes. WASI_RACE_MS: how long the guest keeps trying, each mode.
WASI_RACE_MS ?= 2000
$(BUILD)/wasi/host/swap: tests/wasi/host/swap.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -o $@ $<

.PHONY: test-wasi-race
TEST_TARGETS += test-wasi-race
test-wasi-race: $(BUILD)/tycho $(BUILD)/wasi/race.wasm $(BUILD)/wasi/host/swap
	tests/wasi/race.sh $(BUILD)/tycho $(BUILD)/wasi/host/swap $(BUILD)/wasi/race.wasm \
	    $(BUILD)/wasi-race $(WASI_RACE_MS)

# Shared host functions and many contexts, through wasi.h (a C program on the host).
WASI_GUEST_CFLAGS ?= --target=wasm32-wasi -O2 -nostdlib -Wl,--no-entry -Wall -Wextra
$(BUILD)/wasi/guests/%.wasm: tests/wasi/guests/%.c
	@mkdir -p $(dir $@)
	$(WASI_TEST_CC) $(WASI_GUEST_CFLAGS) -o $@ $<

$(BUILD)/test-wasi-shared: $(BUILD)/tests/wasi/test_shared.o $(WASI_OBJ) $(ENGINE_LIB)
	$(LINK)

.PHONY: test-wasi-shared
TEST_TARGETS += test-wasi-shared
test-wasi-shared: $(BUILD)/test-wasi-shared $(BUILD)/wasi/guests/shared.wasm
	$(BUILD)/test-wasi-shared $(BUILD)/wasi/guests
