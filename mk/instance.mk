# instance.mk — unit test of instantiation and the runtime objects (memories, tables,
# globals, host functions): import linking, segments, limits, start functions.
#   make test-instance
# The test's modules are embedded as binaries (with their text in comments): no tools
# needed at build time.

.PHONY: test-instance
TEST_TARGETS += test-instance

test-instance: $(BUILD)/test-instance
	$(BUILD)/test-instance

$(BUILD)/test-instance: $(BUILD)/tests/engine/test_instance.o $(ENGINE_LIB)
	$(LINK)
