/* src/compiler/sha256.h — SHA-256 (FIPS 180-4), for the rule file's digest in banners.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_SHA256_H
#define RULEC_SHA256_H

#include <stddef.h>

/* Writes the digest of data as 64 lowercase hexadecimal digits and a NUL into hex. */
void sha256_hex(const void *data, size_t length, char hex[65]);
/* 1 when this processor has the SHA extensions that sha256_hex then uses. */
int sha256_accelerated(void);
/* sha256_hex with the extensions (accelerated 1, only where sha256_accelerated says so) or
 * with the portable rounds (0): for the test that compares them. */
void sha256_hex_with(const void *data, size_t length, char hex[65], int accelerated);

#endif
