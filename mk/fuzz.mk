# fuzz.mk — `make fuzz`: libFuzzer (ASan + UBSan) on decode + validate + translate +
# instantiate + a little execution (fuzz/fuzz_module.c). The engine sources are compiled
# again into build-fuzz/, independently of $(BUILD).
#   make fuzz FUZZ_SECONDS=600
#   make fuzz FUZZ_ARGS="-fork=2 -ignore_crashes=1"   keep going after a crash
# Crashing inputs land in build-fuzz/artifacts/; reproduce one with
#   build-fuzz/fuzz_module build-fuzz/artifacts/crash-...

FUZZ_BUILD   := build-fuzz
FUZZ_CC      ?= clang-19
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS  := -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_SAN     ?= address,undefined
FUZZ_ARGS    ?=
FUZZ_OBJ     := $(ENGINE_SRC:%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/fuzz/fuzz_module.o
FUZZ_CORPUS  := $(FUZZ_BUILD)/corpus

.PHONY: fuzz fuzz-build clean-fuzz
fuzz: $(FUZZ_BUILD)/fuzz_module $(FUZZ_BUILD)/corpus.stamp
	@mkdir -p $(FUZZ_BUILD)/artifacts
	UBSAN_OPTIONS=print_stacktrace=1 $(FUZZ_BUILD)/fuzz_module \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/artifacts/ $(FUZZ_ARGS) $(FUZZ_CORPUS)

fuzz-build: $(FUZZ_BUILD)/fuzz_module

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(WARN) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) -Iengine -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/fuzz_module: $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) -o $@ $^ -lm -lpthread

# Seeds: the benchmark modules, and every module of the spec test suite when it is
# there (converted with wast2json; modules over -max_len are left out).
$(FUZZ_BUILD)/corpus.stamp: $(BENCH_WASM)
	@mkdir -p $(FUZZ_CORPUS)
	cp $(BENCH_WASM) $(FUZZ_CORPUS)/
	@if [ -d $(SPEC_DIR) ]; then \
	    echo "seeding $(FUZZ_CORPUS) from $(SPEC_DIR)"; \
	    mkdir -p $(FUZZ_BUILD)/spec; \
	    for w in $(SPEC_DIR)/*.wast $(SPEC_DIR)/proposals/*/*.wast; do \
	        [ -f "$$w" ] || continue; \
	        b=$$(basename $$w .wast); \
	        case $$w in */proposals/*) b=$$(basename $$(dirname $$w))-$$b;; esac; \
	        wast2json --enable-all $$w -o $(FUZZ_BUILD)/spec/$$b.json >/dev/null 2>&1 || \
	            echo "  (wast2json failed on $$w)"; \
	    done; \
	    find $(FUZZ_BUILD)/spec -name '*.wasm' -size -65537c -exec cp {} $(FUZZ_CORPUS)/ \; ; \
	fi
	@echo "corpus: $$(ls $(FUZZ_CORPUS) | wc -l) files"
	@touch $@

clean-fuzz:
	rm -rf $(FUZZ_BUILD)
clean: clean-fuzz

-include $(wildcard $(FUZZ_BUILD)/*/*.d)
