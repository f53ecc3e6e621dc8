# tycho — build, test, benchmark. See README.md.
#   make          build everything (installs missing Debian build deps first)
#   make run      build and run the main job (the demo in README.md)
#   make test     the whole test suite: unit, guest, CLI and spec tests, in a normal build
#                 (gcc) and again in an ASan+UBSan build (clang-19, build-asan/), then the
#                 multi-threaded ones in a ThreadSanitizer build (build-tsan/)
#   make spec     the WebAssembly spec test suite alone
#   make bench    CPU benchmarks: native gcc -O2 vs tycho
#   make fuzz     libFuzzer on decode+validate+instantiate (FUZZ_SECONDS, default 60)

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra
BUILD   ?= build
SPEC_DIR ?= ../shared/spec/testsuite
ASAN_CC     ?= clang-19
ASAN_CFLAGS ?= -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

ENGINE_SRC := $(wildcard engine/*.c)
ENGINE_OBJ := $(ENGINE_SRC:%.c=$(BUILD)/%.o)
ENGINE_LIB := $(BUILD)/libtycho_engine.a
# Link: objects first, then the engine library, then system libraries.
LINK = $(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(ENGINE_LIB) -lm -lpthread $(NET_LIBS)
# OpenSSL (libssl-dev): TLS for lunatic::networking (runtime/tls.c)
NET_LIBS ?= -lssl -lcrypto

.PHONY: all build run test test-one spec bench fuzz deps clean print-tests
all: deps build
build: $(BUILD)/tycho $(BUILD)/spec-runner

deps:
	@scripts/install-deps.sh --check-or-install

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -Iengine -MMD -MP -c $< -o $@

$(ENGINE_LIB): $(ENGINE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/tycho: $(BUILD)/cli/tycho.o $(BUILD)/cli/test_mode.o $(ENGINE_LIB)
	$(LINK)

$(BUILD)/spec-runner: $(BUILD)/tests/spec/runner.o $(ENGINE_LIB)
	$(LINK)

# A C program compiled to a freestanding wasm32 module (no WASI), for --invoke.
$(BUILD)/examples/%.wasm: examples/%.c
	@mkdir -p $(dir $@)
	clang-19 --target=wasm32-wasi -O2 -nostdlib -Wl,--no-entry -o $@ $<

# The main job: the seed's example (examples/resolve.c): processes, a versioned registry,
# and a host function wrapped by a process for children that may not call it.
run: all $(BUILD)/examples/processes/resolve.wasm
	$(BUILD)/tycho run --log-failures $(BUILD)/examples/processes/resolve.wasm

-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d $(BUILD)/*/*/*.d)
-include mk/*.mk

# Every fragment in mk/ adds its test targets to TEST_TARGETS; each prints a closing
# "N passed, N failed" line. scripts/run-tests.sh runs them in both builds and sums up.
test: deps
	@scripts/run-tests.sh

test-one: $(TEST_TARGETS)

print-tests:
	@echo $(TEST_TARGETS)

clean:
	rm -rf build build-asan build-tsan
