# sdk.mk — the C guest SDK (sdk/c/): tycho.h + $(BUILD)/sdk/libtycho.a, for wasm32-wasi.
#   make sdk    build the library
# A guest program is compiled and linked with
#   $(SDK_CC) $(SDK_CFLAGS) -o prog.wasm prog.c $(SDK_LDFLAGS)
# and its rule should depend on $(SDK_LIB). See sdk/c/README.md.

SDK_CC      ?= clang-19
SDK_AR      ?= llvm-ar-19
SDK_INC     := sdk/c
SDK_LIB     := $(BUILD)/sdk/libtycho.a
SDK_CFLAGS  := --target=wasm32-wasi -O2 -Wall -Wextra -I$(SDK_INC)
SDK_LDFLAGS := $(SDK_LIB) -Wl,--stack-first   # see sdk/c/README.md
SDK_SRC     := $(wildcard sdk/c/src/*.c)
SDK_OBJ     := $(SDK_SRC:sdk/c/src/%.c=$(BUILD)/sdk/obj/%.o)

.PHONY: sdk
sdk: $(SDK_LIB)

# -MMD: $(BUILD)/sdk/obj/*.d are picked up by the top Makefile's -include.
$(BUILD)/sdk/obj/%.o: sdk/c/src/%.c
	@mkdir -p $(dir $@)
	$(SDK_CC) $(SDK_CFLAGS) -MMD -MP -c $< -o $@

# llvm-ar writes the symbol index wasm-ld needs (GNU ar does not index wasm objects).
$(SDK_LIB): $(SDK_OBJ)
	@rm -f $@
	$(SDK_AR) rcs $@ $^
