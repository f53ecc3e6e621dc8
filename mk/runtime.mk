# runtime.mk — processes (runtime/) and the Lunatic host ABI (host/), linked into tycho.
# Their tests (guest programs built with sdk/c, run through tycho) are in mk/processes.mk.

RUNTIME_SRC := $(wildcard runtime/*.c) $(wildcard host/*.c)
RUNTIME_OBJ := $(RUNTIME_SRC:%.c=$(BUILD)/%.o)
$(BUILD)/tycho: $(RUNTIME_OBJ)
