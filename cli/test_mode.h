/* test_mode.h — `tycho test`: tycho as cargo's test runner for Lunatic-style test
 * binaries (see test_mode.c). */
#ifndef TYCHO_CLI_TEST_MODE_H
#define TYCHO_CLI_TEST_MODE_H

#include <stdbool.h>

#include "../runtime/runtime.h"

/* True if `path` is where cargo puts a test binary for a wasm target:
 * .../target/wasm32-*(/...)/PROFILE/deps/NAME.wasm (Lunatic's rule for its test mode). */
bool test_mode_path(const char *path);

/* Runs the tests of the module: each export "#lunatic_test_..." as a process of its own,
 * with every permission and cfg's world, its output captured. args: the test harness's
 * arguments (filters, --exact, --ignored, --nocapture, --list, ...). Prints libtest's
 * report; returns the exit status (0 all passed, 101 a test failed or bad arguments). */
int test_mode_run(tr_runtime *rt, const char *file, const uint8_t *bytes, size_t len,
                  const tr_config *cfg, int argc, char **argv);

#endif
