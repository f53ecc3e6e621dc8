# timer.mk — the runtime's timer service (runtime/timer.c): one thread, a min-heap of
# deadlines, callbacks for receive timeouts, sleeps and send_after.
#   make test-timer   ordering, timing, cancel races, concurrency, 1M timers, OOM
#                     (TEST_TIMER_VERBOSE=1 prints each part's time on stderr)

.PHONY: test-timer
TEST_TARGETS += test-timer

test-timer: $(BUILD)/test-timer
	$(BUILD)/test-timer

$(BUILD)/test-timer: $(BUILD)/tests/runtime/test_timer.o $(BUILD)/runtime/timer.o
	$(CC) $(CFLAGS) -o $@ $^ -lpthread
