# assemblyscript.mk — AssemblyScript WASI programs (tests/assemblyscript/): a third
# toolchain's view of the file system (as-wasi's FileSystem and Descriptor over raw WASI
# calls). The compiler and libraries come from npm at the versions package-lock.json pins,
# installed once per build directory into $(BUILD)/as/node_modules (`npm ci`: needs the
# npm registry, or npm's cache, the first time).
#   make test-assemblyscript   compile them and run tests/assemblyscript/run.sh (skipped
#                              with a line saying why when node or npm is missing;
#                              scripts/install-deps.sh installs them)

NODE     ?= node
NPM      ?= npm
AS_SRC   := tests/assemblyscript
AS_OUT   := $(abspath $(BUILD)/as)
AS_PROGS := fs
AS_MODULES := $(AS_OUT)/node_modules/.package-lock.json
AS_MISSING = $(firstword $(foreach t,$(NODE) $(NPM),$(if $(shell command -v $(t) 2>/dev/null),,$(t))))

$(AS_MODULES): $(AS_SRC)/package.json $(AS_SRC)/package-lock.json
	@mkdir -p $(AS_OUT)
	cp $^ $(AS_OUT)/
	cd $(AS_OUT) && $(NPM) ci --no-audit --no-fund --loglevel=error
	@touch $@

$(AS_OUT)/%.wasm: $(AS_SRC)/%.ts $(AS_MODULES)
	cd $(AS_OUT) && $(NODE) node_modules/assemblyscript/bin/asc.js $(abspath $<) --outFile $@ \
	    --config node_modules/@assemblyscript/wasi-shim/asconfig.json

.PHONY: test-assemblyscript
TEST_TARGETS += test-assemblyscript
test-assemblyscript: $(BUILD)/tycho
	@if [ -n "$(AS_MISSING)" ]; then \
	    tests/assemblyscript/run.sh $(abspath $(BUILD)/tycho) $(AS_OUT) "$(AS_MISSING)"; \
	else \
	    $(MAKE) --no-print-directory $(AS_PROGS:%=$(AS_OUT)/%.wasm) && \
	    tests/assemblyscript/run.sh $(abspath $(BUILD)/tycho) $(AS_OUT) ""; \
	fi
