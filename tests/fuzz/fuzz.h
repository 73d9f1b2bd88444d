/* tests/fuzz/fuzz.h — what every harness shares: libFuzzer's entry points, a stream to
 * /dev/null opened once per process (for the messages the code under test writes), and the
 * default set-up.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_FUZZ_H
#define RULEC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *fuzz_quiet_stream;

static inline FILE *fuzz_quiet(void)
{
    if (!fuzz_quiet_stream)
        fuzz_quiet_stream = fopen("/dev/null", "w");
    return fuzz_quiet_stream;
}

/* The set-up most harnesses need: the quiet stream, once. A harness with more to set up
 * defines FUZZ_OWN_INITIALIZE and its own LLVMFuzzerInitialize. */
#ifndef FUZZ_OWN_INITIALIZE
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    return 0;
}
#endif

#endif
