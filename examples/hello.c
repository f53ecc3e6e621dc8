/* hello.c — the smallest WASI command: build/tycho build/examples/wasi/hello.wasm */
#include <stdio.h>

int main(void) {
    printf("Hello, world!\n");
    return 0;
}
