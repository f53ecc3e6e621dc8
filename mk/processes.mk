# processes.mk — guest programs using the Lunatic ABI through sdk/c, run by tycho:
# every host function (and its error paths), links, monitors, registry, timers,
# permissions, limits, and a stress test. See tests/processes/run.sh.
#   make test-processes                  all of them
#   make test-processes PROC_TESTS=links only some

PROC_TEST_SRC  := $(wildcard tests/processes/*.c)
PROC_TEST_WASM := $(PROC_TEST_SRC:tests/processes/%.c=$(BUILD)/processes/%.wasm)
PROC_TESTS     ?=

# (sdk.mk is included after this file: name the library, SDK_LIB is not defined yet.)
# harness.h: the helpers the tests share (a header, never a test: run.sh runs *.c).
$(BUILD)/processes/%.wasm: tests/processes/%.c tests/processes/harness.h tests/processes/net_tls_server.h $(BUILD)/sdk/libtycho.a \
                           sdk/c/tycho.h sdk/c/tycho_net.h mk/sdk.mk
	@mkdir -p $(dir $@)
	$(SDK_CC) $(SDK_CFLAGS) -o $@ $< $(SDK_LDFLAGS)

.PHONY: test-processes
TEST_TARGETS += test-processes
test-processes: $(BUILD)/tycho $(PROC_TEST_WASM)
	tests/processes/run.sh $(abspath $(BUILD)/tycho) $(abspath $(BUILD)/processes) \
	    $(abspath $(BUILD)/processes-test) $(PROC_TESTS)
