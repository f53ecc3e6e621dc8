# spec.mk — `make spec`: the WebAssembly spec test suite (tests/spec/runner.c) on the
# engine. Each SPEC_DIR/*.wast is converted by wast2json into $(BUILD)/spec/NAME/ once
# (again only when the .wast is newer), then run in its own child process.
#   make spec                     every top-level file of the suite
#   make spec SPEC_ARGS=-v        with each failure's line, expected and got
#   build/spec-runner -v ../shared/spec/testsuite/i32.wast     one file

SPEC_ARGS ?=

# The runner's other objects; the Makefile's link rule takes them through $^.
$(BUILD)/spec-runner: $(BUILD)/tests/spec/json.o $(BUILD)/tests/spec/spectest.o

.PHONY: spec
spec: $(BUILD)/spec-runner
	$(BUILD)/spec-runner --suite $(SPEC_DIR) --json-dir $(BUILD)/spec $(SPEC_ARGS)

TEST_TARGETS += spec
