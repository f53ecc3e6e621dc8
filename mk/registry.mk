# registry.mk — the process registry (runtime/registry.c) and semantic versions
# (runtime/semver.c), tested on their own: no engine, no guests.
#   make test-registry

.PHONY: test-registry
TEST_TARGETS += test-registry

test-registry: $(BUILD)/test-registry
	$(BUILD)/test-registry

$(BUILD)/test-registry: $(BUILD)/tests/runtime/test_registry.o $(BUILD)/runtime/registry.o \
                        $(BUILD)/runtime/semver.o
	$(CC) $(CFLAGS) -o $@ $^ -lpthread
