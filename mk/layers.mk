# layers.mk — the layers call only down: every include of cli/, host/, runtime/, wasi/
# and engine/ points to its own layer or one below, and no headers include each other in
# a circle (scripts/check-layers.sh).
.PHONY: test-layers
TEST_TARGETS += test-layers
test-layers:
	@scripts/check-layers.sh
