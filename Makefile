# tycho — build, test, benchmark. See README.md.
#   make          build everything (installs missing Debian build deps first)
#   make run      build and run the main job
#   make test     the whole test suite (unit, guest, spec; then again under ASan+UBSan)
#   make spec     the WebAssembly spec test suite alone
#   make bench    CPU benchmarks: native gcc -O2 vs tycho
#   make fuzz     libFuzzer on decode+validate+instantiate (FUZZ_SECONDS, default 60)

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra
BUILD   ?= build
SPEC_DIR ?= ../shared/spec/testsuite

ENGINE_SRC := $(wildcard engine/*.c)
ENGINE_OBJ := $(ENGINE_SRC:%.c=$(BUILD)/%.o)
ENGINE_LIB := $(BUILD)/libtycho_engine.a

.PHONY: all run test test-fast spec bench fuzz deps clean asan
all: deps $(BUILD)/tycho $(BUILD)/spec-runner

deps:
	@scripts/install-deps.sh --check-or-install

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -Iengine -MMD -MP -c $< -o $@

$(ENGINE_LIB): $(ENGINE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/tycho: $(BUILD)/cli/tycho.o $(ENGINE_LIB)
	$(CC) $(CFLAGS) -o $@ $^ -lm -lpthread

$(BUILD)/spec-runner: $(BUILD)/tests/spec/runner.o $(ENGINE_LIB)
	$(CC) $(CFLAGS) -o $@ $^ -lm -lpthread

-include $(wildcard $(BUILD)/*/*.d $(BUILD)/*/*/*.d)
-include mk/*.mk

clean:
	rm -rf build build-asan
