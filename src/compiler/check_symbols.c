/* src/compiler/check_symbols.c — the checker's names: one table per namespace, duplicates, and
 * "vouliez-vous dire" for a misspelt name.
 * Part of rulec; see README.md for the licence. */
#include "checker.h"

#include <string.h>

#include "hash.h"

/* Every kind of name is feminine in French: "une entrée", "la règle". Keep in step with
 * enum check_symbol_kind (checker.h). */
const char *const check_symbol_words[SYM_KIND_COUNT] = {
    "", "entrée", "valeur dérivée", "constante", "sortie", "source", "règle", "condition"
};

static unsigned check_hash(const char *name)
{
    return hash_bytes(name, strlen(name));
}

void check_table_init(struct arena *arena, struct check_table *table, unsigned expected)
{
    unsigned capacity = 16;
    while (capacity < expected * 2 + 2)
        capacity *= 2;
    table->slots = arena_calloc(arena, capacity, sizeof *table->slots);
    table->capacity = capacity;
    table->count = 0;
}

struct check_symbol *check_lookup(struct check_table *table, const char *name)
{
    unsigned mask = table->capacity - 1;
    for (unsigned i = check_hash(name) & mask;; i = (i + 1) & mask) {
        if (!table->slots[i].name || strcmp(table->slots[i].name, name) == 0)
            return &table->slots[i];
    }
}

/* Declares a name; reports a duplicate and returns NULL. */
struct check_symbol *check_declare(struct checker *c, struct check_table *table,
                                          const struct ast_name *name,
                                          enum check_symbol_kind kind, int index)
{
    struct check_symbol *slot = check_lookup(table, name->name);
    if (slot->name) {
        diag_error(c->diag, name->span, "le nom '%s' est déjà pris par une %s, ligne %u",
                   name->name, check_symbol_words[slot->kind],
                   diag_line(c->diag, slot->span.begin));
        return NULL;
    }
    slot->name = name->name;
    slot->kind = kind;
    slot->index = index;
    slot->span = name->span;
    table->count++;
    return slot;
}

/* Edit distance, bounded: the suggestion for a misspelt name. */
static int check_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    int row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diagonal = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int above = row[j];
            int best = diagonal + (a[i - 1] != b[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[lb];
}

/* "nom inconnu 'x'", with "vouliez-vous dire 'y' ?" when one declared name is close. */
void check_unknown(struct checker *c, struct diag_span span, const char *name)
{
    const char *best = NULL;
    int best_distance = 3;
    for (unsigned i = 0; i < c->values.capacity; i++) {
        const char *candidate = c->values.slots[i].name;
        if (!candidate)
            continue;
        int distance = check_distance(name, candidate);
        /* Ties go to the first name in byte order, so the hash order never shows. */
        if (distance < best_distance
            || (distance == best_distance && best && strcmp(candidate, best) < 0)) {
            best = candidate;
            best_distance = distance;
        }
    }
    if (best)
        diag_error(c->diag, span, "nom inconnu '%s' ; vouliez-vous dire '%s' ?", name, best);
    else
        diag_error(c->diag, span, "nom inconnu '%s'", name);
}
