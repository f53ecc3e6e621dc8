# bench_actors.mk — `make bench-actors`: tycho vs the BEAM on eight actor workloads (spawn,
# memory, ping-pong, ring, skynet, fan-in, request/reply with a full mailbox, and the
# spawn of a Rust-shaped process). Each is written twice, as a tycho guest
# (bench/actors/NAME.c with sdk/c -> $(BUILD)/bench/actors/NAME.wasm; spawnreply's is the
# Rust program rust_spawn.wasm of mk/rust.mk, when the toolchain is there) and in Erlang
# (bench/erlang/NAME.erl -> $(BUILD)/bench/actors/beam/NAME.beam); bench/actors/run.sh runs
# both with the same number of schedulers and prints medians and ratios tycho/Erlang.
#   make bench-actors                                  the table (~2.5 minutes on 2 cores)
#   make bench-actors BENCH_RUNS=1 BENCH_SCALE=0.1     a quick look
#   make bench-actors BENCH_WORKLOADS="ring fanin"     some of them
#   also BENCH_WORKERS, BENCH_MEMORY_N, BENCH_MEM_LIMIT_MB, BENCH_TIMEOUT: see run.sh
#   make test-bench-actors    (in the test suite) every workload once per runtime at a
#                             tiny size, checksums only
# (The SDK library's path is spelled out: mk/sdk.mk, which defines SDK_LIB, is read after
# this file, and a rule's prerequisites are expanded when the rule is read.)

BENCH_ACTORS       := spawn memory pingpong ring skynet fanin request
BENCH_ACTORS_DIR   := $(BUILD)/bench/actors
BENCH_ACTORS_WASM  := $(BENCH_ACTORS:%=$(BENCH_ACTORS_DIR)/%.wasm)
BENCH_ACTORS_BEAM  := $(BENCH_ACTORS:%=$(BENCH_ACTORS_DIR)/beam/%.beam) \
                      $(BENCH_ACTORS_DIR)/beam/bench.beam $(BENCH_ACTORS_DIR)/beam/spawnreply.beam
BENCH_RUNS         ?=
BENCH_SCALE        ?=
BENCH_WORKERS      ?=
BENCH_WORKLOADS    ?=
BENCH_MEMORY_N     ?=
BENCH_MEM_LIMIT_MB ?=
BENCH_TIMEOUT      ?=

$(BENCH_ACTORS_DIR)/%.wasm: bench/actors/%.c bench/actors/common.h $(BUILD)/sdk/libtycho.a sdk/c/tycho.h \
                          mk/sdk.mk
	@mkdir -p $(dir $@)
	$(SDK_CC) $(SDK_CFLAGS) -o $@ $< $(SDK_LDFLAGS)

$(BENCH_ACTORS_DIR)/beam/%.beam: bench/erlang/%.erl
	@mkdir -p $(dir $@)
	erlc -Wall +warnings_as_errors -o $(dir $@) $<

BENCH_ACTORS_RUN = bench/actors/run.sh $(abspath $(BUILD)/tycho) $(abspath $(BENCH_ACTORS_DIR)) \
    $(abspath $(BENCH_ACTORS_DIR)/beam)

.PHONY: bench-actors bench-actors-build test-bench-actors
bench-actors-build: $(BUILD)/tycho $(BENCH_ACTORS_WASM) $(BENCH_ACTORS_BEAM) \
                    $(BENCH_ACTORS_DIR)/pagefault rust-guests
	@rm -f $(BENCH_ACTORS_DIR)/spawnreply.wasm
	@if [ -f $(RUST_WASM)/rust_spawn.wasm ]; then \
	    cp $(RUST_WASM)/rust_spawn.wasm $(BENCH_ACTORS_DIR)/spawnreply.wasm; fi

# What a fresh page costs here (native C): printed under the table, it explains the
# spawn and memory rows.
$(BENCH_ACTORS_DIR)/pagefault: bench/actors/pagefault.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $<

bench-actors: bench-actors-build
	BENCH_RUNS="$(BENCH_RUNS)" BENCH_SCALE="$(BENCH_SCALE)" BENCH_WORKERS="$(BENCH_WORKERS)" \
	BENCH_MEMORY_N="$(BENCH_MEMORY_N)" BENCH_MEM_LIMIT_MB="$(BENCH_MEM_LIMIT_MB)" \
	BENCH_TIMEOUT="$(BENCH_TIMEOUT)" BENCH_PAGEFAULT=$(abspath $(BENCH_ACTORS_DIR)/pagefault) \
	    $(BENCH_ACTORS_RUN) $(abspath $(BENCH_ACTORS_DIR)/work) $(BENCH_WORKLOADS)

TEST_TARGETS += test-bench-actors
test-bench-actors: bench-actors-build
	BENCH_CHECK=1 BENCH_SCALE=0.01 BENCH_MEMORY_N=1000 BENCH_TIMEOUT=60 BENCH_MEM_LIMIT_MB=4096 \
	    $(BENCH_ACTORS_RUN) $(abspath $(BENCH_ACTORS_DIR)/test)
