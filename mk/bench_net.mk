# bench_net.mk — `make bench-net`: TCP servers side by side on loopback, wrk as the HTTP
# client: tycho's HTTP example (examples/http.c -> $(BUILD)/examples/processes/http.wasm,
# a process per connection) against the same server in Erlang (bench/erlang/http.erl ->
# $(BUILD)/bench-net/beam/http.beam, gen_tcp, a process per connection) and nginx (the
# machine's reference), at 50, 1,000 and 10,000 keep-alive connections: requests/s, p50
# and p99 latency, peak RSS; then TCP echo throughput with 64 KiB messages, tycho's echo
# example (examples/echo.c) against a C epoll server (bench/net/echo_server.c, loaded by
# bench/net/echo_client.c). bench/net/run.sh runs it all and prints medians and ratios.
# The tycho programs are built when their sources exist; without them the script says
# so and runs the rest.
#   make bench-net                                     the tables (~7 minutes on 2 cores)
#   make bench-net BENCH_RUNS=1 BENCH_SECONDS=3        a quick look
#   make bench-net BENCH_CONNS="50 1000"               other numbers of connections
#   also BENCH_WORKERS, BENCH_ECHO_CONNS, BENCH_WARMUP, BENCH_ERL_FLAGS: see run.sh
#   make bench-net-check    validity only: every server once (exact answers, pipelining,
#                           wrk 1 s at 50 connections, verified echoes); "N passed, N failed"
# Needs wrk, nginx, curl and erlang-base (Debian packages). Not part of `make test`.

BENCH_NET_DIR   := $(BUILD)/bench-net
BENCH_NET_BINS  := $(BENCH_NET_DIR)/echo_server $(BENCH_NET_DIR)/echo_client
BENCH_NET_BEAM  := $(BENCH_NET_DIR)/beam/http.beam
BENCH_NET_WASM  := $(patsubst examples/%.c,$(BUILD)/examples/processes/%.wasm,\
                     $(wildcard examples/http.c examples/echo.c))
BENCH_NET_CFLAGS ?= -O2
BENCH_RUNS       ?=
BENCH_SECONDS    ?=
BENCH_WORKERS    ?=
BENCH_CONNS      ?=
BENCH_ECHO_CONNS ?=
BENCH_WARMUP     ?=
BENCH_ERL_FLAGS  ?=

$(BENCH_NET_BINS): $(BENCH_NET_DIR)/%: bench/net/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_NET_CFLAGS) -Wall -Wextra -std=c11 -D_GNU_SOURCE -o $@ $< -lpthread

$(BENCH_NET_DIR)/beam/%.beam: bench/erlang/%.erl
	@mkdir -p $(dir $@)
	erlc -Wall +warnings_as_errors -o $(dir $@) $<

BENCH_NET_RUN = bench/net/run.sh $(abspath $(BUILD)/tycho) $(abspath $(BUILD)/examples/processes) \
    $(abspath $(BENCH_NET_DIR)/beam) $(abspath $(BENCH_NET_DIR))

.PHONY: bench-net bench-net-build bench-net-check
bench-net-build: $(BUILD)/tycho $(BENCH_NET_BINS) $(BENCH_NET_BEAM) $(BENCH_NET_WASM)

bench-net: bench-net-build
	BENCH_RUNS="$(BENCH_RUNS)" BENCH_SECONDS="$(BENCH_SECONDS)" BENCH_WORKERS="$(BENCH_WORKERS)" \
	BENCH_CONNS="$(BENCH_CONNS)" BENCH_ECHO_CONNS="$(BENCH_ECHO_CONNS)" BENCH_WARMUP="$(BENCH_WARMUP)" \
	BENCH_ERL_FLAGS="$(BENCH_ERL_FLAGS)" \
	    $(BENCH_NET_RUN) $(abspath $(BENCH_NET_DIR)/work)

bench-net-check: bench-net-build
	BENCH_CHECK=1 BENCH_WORKERS="$(BENCH_WORKERS)" BENCH_ECHO_CONNS="$(BENCH_ECHO_CONNS)" \
	BENCH_ERL_FLAGS="$(BENCH_ERL_FLAGS)" \
	    $(BENCH_NET_RUN) $(abspath $(BENCH_NET_DIR)/check)
