# examples_processes.mk — the process examples of the README: examples/pingpong.c,
# supervisor.c, resolve.c, and the servers http.c, echo.c, tls_echo.c (tested by
# mk/net.mk), built with the C SDK (sdk/c) into
# $(BUILD)/examples/processes/NAME.wasm, and their test.
#   make test-examples-processes   runs each example under tycho (with 1 and 2 workers)
#                                  and compares its output and exit status exactly with
#                                  tests/processes/expected_examples/ (tests/processes/examples.sh)
# (The SDK library's path is spelled out: mk/sdk.mk, which defines SDK_LIB, is read after
# this file, and a rule's prerequisites are expanded when the rule is read.)

PROC_EXAMPLES      := pingpong supervisor resolve http echo tls_echo
PROC_EXAMPLE_WASM  := $(PROC_EXAMPLES:%=$(BUILD)/examples/processes/%.wasm)

$(BUILD)/examples/processes/%.wasm: examples/%.c $(BUILD)/sdk/libtycho.a sdk/c/tycho.h sdk/c/tycho_net.h mk/sdk.mk
	@mkdir -p $(dir $@)
	$(SDK_CC) $(SDK_CFLAGS) -o $@ $< $(SDK_LDFLAGS)

.PHONY: examples-processes test-examples-processes
examples-processes: $(PROC_EXAMPLE_WASM)

TEST_TARGETS += test-examples-processes
test-examples-processes: $(BUILD)/tycho $(PROC_EXAMPLE_WASM)
	tests/processes/examples.sh $(abspath $(BUILD)/tycho) $(abspath $(BUILD)/examples/processes) \
	    $(abspath $(BUILD)/examples-processes-test)
