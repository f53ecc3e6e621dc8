# engine_tests.mk — unit tests of the engine.
#   make test-numeric   engine/numeric.h against wasm numeric semantics (header only)
#   make test-resume    fuel slices, resuming on other threads, blocking host calls, deep
#                       recursion and the depth limit, per-instance traps, start functions
# test-resume runs guests from tests/engine/guests/ compiled into $(BUILD)/guests/: .wat
# with wat2wasm, .c with clang for wasm32 (exports listed in ENGINE_GUEST_EXPORTS_name).

ENGINE_GUEST_DIR  := $(BUILD)/guests
ENGINE_GUEST_WAT  := $(patsubst tests/engine/guests/%.wat,$(ENGINE_GUEST_DIR)/%.wasm,\
                       $(wildcard tests/engine/guests/*.wat))
ENGINE_GUEST_C    := $(patsubst tests/engine/guests/%.c,$(ENGINE_GUEST_DIR)/%.wasm,\
                       $(wildcard tests/engine/guests/*.c))
ENGINE_GUEST_CC     ?= clang-19
ENGINE_GUEST_CFLAGS ?= --target=wasm32-wasi -O2 -nostdlib -Wl,--no-entry
ENGINE_GUEST_EXPORTS_rsum := rsum last
engine_tests_comma := ,

.PHONY: test-numeric test-resume
TEST_TARGETS += test-numeric test-resume

test-numeric: $(BUILD)/test-numeric
	$(BUILD)/test-numeric

test-resume: $(BUILD)/test-resume $(ENGINE_GUEST_WAT) $(ENGINE_GUEST_C)
	$(BUILD)/test-resume $(ENGINE_GUEST_DIR)

# numeric.h is all static inline: no engine library needed.
$(BUILD)/test-numeric: $(BUILD)/tests/engine/test_numeric.o
	$(CC) $(CFLAGS) -o $@ $^ -lm

$(BUILD)/test-resume: $(BUILD)/tests/engine/test_resume.o $(ENGINE_LIB)
	$(LINK)

$(ENGINE_GUEST_WAT): $(ENGINE_GUEST_DIR)/%.wasm: tests/engine/guests/%.wat
	@mkdir -p $(dir $@)
	wat2wasm $< -o $@

$(ENGINE_GUEST_C): $(ENGINE_GUEST_DIR)/%.wasm: tests/engine/guests/%.c
	@mkdir -p $(dir $@)
	$(ENGINE_GUEST_CC) $(ENGINE_GUEST_CFLAGS) \
	    $(addprefix -Wl$(engine_tests_comma)--export=,$(ENGINE_GUEST_EXPORTS_$*)) -o $@ $<

# Recycled memories never show one instance's bytes to the next (lazy zeroing).
.PHONY: test-memory
TEST_TARGETS += test-memory
test-memory: $(BUILD)/test-memory $(ENGINE_GUEST_WAT)
	$(BUILD)/test-memory $(ENGINE_GUEST_DIR)

$(BUILD)/test-memory: $(BUILD)/tests/engine/test_memory.o $(ENGINE_LIB)
	$(LINK)
