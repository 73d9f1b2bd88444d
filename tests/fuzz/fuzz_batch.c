/* tests/fuzz/fuzz_batch.c — the CSV reader and the JSON Lines reader, through batch mode on
 * the RAMQ tables, from memory into memory. The first byte chooses the format and the
 * delimiter; the rest is the stream. No claim may be lost: every claim read is decided or
 * rejected, and in JSON Lines each gets exactly one line out. Part of rulec; see README.md. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "ramq2018.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const int delimiters[] = { 0, ',', ';', '\t' };
    int jsonl = data[0] & 1, delimiter = delimiters[data[0] >> 1 & 3];
    FILE *in = fmemopen((void *)(data + 1), size - 1, "rb");
    if (size == 1)
        in = fopen("/dev/null", "rb");
    char *out_text = NULL, *err_text = NULL;
    size_t out_size = 0, err_size = 0;
    FILE *out = open_memstream(&out_text, &out_size);
    FILE *err = open_memstream(&err_text, &err_size);
    int status = batch_run(ramq2018_policy(), jsonl ? BATCH_JSONL : BATCH_CSV,
                           jsonl ? 0 : delimiter, in, out, err, "fuzz");
    fclose(in);
    fclose(out);
    fclose(err);
    if (status < 0 || status > 3)
        abort();
    unsigned long long read = 0, decided = 0, rejected = 0;
    if (status == BATCH_BAD_HEADER && out_size != 0)
        abort();        /* a refused header writes nothing on out */
    if (status != BATCH_BAD_HEADER) {
        /* Every run but a refused header ends with its summary, then the rules' version, as
         * the last two lines of err (a message before them may quote the input, which may
         * hold the same words). */
        if (!err_text || err_size == 0 || err_text[err_size - 1] != '\n')
            abort();
        size_t last = err_size - 1;
        while (last > 0 && err_text[last - 1] != '\n')
            last--;
        const struct rulec_policy *policy = ramq2018_policy();
        char version[256];
        snprintf(version, sizeof version, "fuzz: règles : %s, SHA-256 %s\n", policy->rule_file,
                 policy->rule_sha256);
        if (last == 0 || strcmp(err_text + last, version) != 0)
            abort();
        size_t start = last - 1;
        while (start > 0 && err_text[start - 1] != '\n')
            start--;
        if (sscanf(err_text + start, "fuzz: demandes lues : %llu ; décidées : %llu ; "
                   "rejetées : %llu", &read, &decided, &rejected) != 3
            || read != decided + rejected)
            abort();
        if (jsonl) {
            unsigned long long lines = 0;
            for (size_t i = 0; i < out_size; i++)
                lines += out_text[i] == '\n';
            if (lines != read)
                abort();
        }
    }
    free(out_text);
    free(err_text);
    return 0;
}
