/* src/compiler/hash.h — the compiler's hashes, written once: names (FNV-1a), keys built of
 * several numbers (a mix, then a finalizer). For its open-addressing tables: the node and
 * memo tables (dd.c), rule sets (diagram.c), names (check_symbols.c, parse.c, the C backend's
 * emit_names.c), the rules' tests by text (check_conditions.c) and named conditions laid out
 * (lower.c).
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_HASH_H
#define RULEC_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a over length bytes. */
static inline uint32_t hash_bytes(const char *text, size_t length)
{
    uint32_t hash = 2166136261u;
    for (size_t i = 0; i < length; i++)
        hash = (hash ^ (unsigned char)text[i]) * 16777619u;
    return hash;
}

/* hash with one more number mixed in (boost's hash_combine). */
static inline uint32_t hash_mix(uint32_t hash, uint32_t value)
{
    return hash ^ (value + 0x9e3779b9u + (hash << 6) + (hash >> 2));
}

/* Murmur3's finalizer, for a hash built by mixing: a mix alone leaves keys that differ in one
 * small number (a node id, a cell, a rule) close together, and a table probed linearly or
 * indexed by the low bits then collides in runs. At 100,000 rules those collisions were most
 * of rulec check's time (dd.c's tables, diagram.c's rule sets). */
static inline uint32_t hash_finish(uint32_t hash)
{
    hash ^= hash >> 16;
    hash *= 0x85ebca6bu;
    hash ^= hash >> 13;
    hash *= 0xc2b2ae35u;
    hash ^= hash >> 16;
    return hash;
}

#endif
