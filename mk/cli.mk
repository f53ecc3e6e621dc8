# cli.mk — the command line's behaviour: results, exit codes, error lines.
#   make test-cli
.PHONY: test-cli
TEST_TARGETS += test-cli test-examples

test-cli: $(BUILD)/tycho
	tests/cli/test_cli.sh $(BUILD)/tycho $(BUILD)/cli-test

# The README demo, with its exact answer (664579 primes below ten million).
test-examples: $(BUILD)/tycho $(BUILD)/examples/primes.wasm
	@out=$$($(BUILD)/tycho run --invoke count_primes $(BUILD)/examples/primes.wasm 10000000); \
	if [ "$$out" = 664579 ]; then echo "1 passed, 0 failed"; \
	else echo "primes demo printed '$$out', want 664579"; echo "0 passed, 1 failed"; exit 1; fi
