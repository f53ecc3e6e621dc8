# decode-check: decode + validate + compile of single modules, no execution.
#   make decode-check   runs it on every module of the spec testsuite (SIMD files skipped)
DECODE_JSON := $(BUILD)/decode-json

$(BUILD)/decode-check: $(BUILD)/tests/engine/decode_check.o $(ENGINE_LIB)
	$(LINK)

.PHONY: decode-check
decode-check: $(BUILD)/decode-check
	@rm -rf $(DECODE_JSON)
	@for f in $(SPEC_DIR)/*.wast; do \
	  b=$$(basename $$f .wast); \
	  case $$b in simd_*) continue;; esac; \
	  mkdir -p $(DECODE_JSON)/$$b; \
	  wast2json --enable-all $$f -o $(DECODE_JSON)/$$b/$$b.json 2>/dev/null || exit 1; \
	done
	$(BUILD)/decode-check --spec $(DECODE_JSON)/*/*.json
