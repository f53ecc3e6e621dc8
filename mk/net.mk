# net.mk — networking's whole-program tests: the HTTP, echo and TLS echo examples under
# tycho against good and hostile clients (tests/net/run.sh, tests/net/client.c: 1,000
# connections at once, pipelining, chunked bodies, garbage, slowloris, clients vanishing
# mid-response, 10,000 connect/close), every fd closed afterwards. (The guest tests of every
# lunatic::networking function are tests/processes/net_*.c.)
#   make test-net

NET_CLIENT := $(BUILD)/net/client
NET_EXAMPLES := $(addprefix $(BUILD)/examples/processes/,http.wasm echo.wasm tls_echo.wasm)

$(NET_CLIENT): tests/net/client.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -o $@ $<

.PHONY: test-net
TEST_TARGETS += test-net
test-net: $(BUILD)/tycho $(NET_CLIENT) $(NET_EXAMPLES)
	tests/net/run.sh $(abspath $(BUILD)/tycho) $(abspath $(BUILD)/examples/processes) \
	    $(abspath $(NET_CLIENT)) $(abspath $(BUILD)/net-test)
