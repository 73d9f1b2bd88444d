/* src/compiler/diff.h — what an edit of a rule file changes: the vocabulary (and the C
 * constants billing software stores), then every region of claims both versions can express
 * whose answer changes, each with an example claim.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_DIFF_H
#define RULEC_DIFF_H

#include "compile.h"
#include "regions.h"

enum diff_change_kind { DIFF_ADDED, DIFF_REMOVED, DIFF_CHANGED };

/* One change of vocabulary, in words. */
struct diff_vocabulary {
    enum diff_change_kind kind;
    const char *what;              /* "input", "output", "member", "let", "rule", "c_constant" */
    const char *name;              /* "profession", "profession.denturologiste", … */
    const char *detail;            /* in French; "" when the kind says all */
    int breaking;                  /* billing software built on the old C API breaks */
    const char *old_text, *new_text;   /* a text's two versions (NULL: none); vocabulary: NULL */
};

/* The claims both versions can express: the inputs both declare with the same type (for an
 * enumeration, the members both declare), and the derived values of either over them. A
 * region tests these variables, in struct region form (members by the common member's index). */
struct diff_space {
    struct check_model model;      /* the common inputs first, then derived values */
    struct rulec_var *vars;           /* the same, for renderers (rulec_var_domain) */
    int *old_var, *new_var;        /* each version's variable -> common variable, or -1 */
    int **old_member, **new_member;/* each version's member -> common member, or -1 */
    int *old_input, *new_input;    /* common input -> each version's input */
    int **to_old, **to_new;        /* common member -> each version's member */
};

/* Where one output's value changes within a region: every claim of it (everywhere), or the
 * claims of parts, disjoint regions of the common space; a part may test a difference of two
 * inputs that no derived value of either file names (the common space then has it, named
 * "date_demande - date_service"). Not exact (exact 0) where it could not be located: a value
 * that sums more than two inputs, or reads one outside the common space, more than four
 * lookups or 4,096 choices of their members; parts is then the whole region, which is kept
 * whole (it holds claims whose answer may not change). */
struct diff_output {
    const char *name;
    int everywhere, exact;
    int nparts;
    struct region *parts;
};

struct diff_region {
    struct region when;            /* rule: unused */
    int32_t old_leaf, new_leaf;    /* where each version's tables lead (a negative child) */
    struct rulec_claim example;       /* in the common space: the inputs either version reads to
                                      decide it (values[] holds one for every common input) */
    int noutputs;                  /* the outputs both declare whose value changes somewhere */
    struct diff_output *outputs;
};

/* Where an input becomes needed, or is needed no more: claims that give every common input
 * but that one, which one version decides without it and the other cannot (a batch row
 * without the profession, decided before, refused after). A claim the other inputs place in
 * no changed region is decided alike by both, or needs the input in both (were only one
 * version's answer to depend on the input, some complete claim's answer or deciding rule
 * would change): so these regions are found within the changed ones, less the input (every
 * claim, with answers_only). */
struct diff_need {
    int input;                     /* the common input */
    int needed;                    /* 1: the new version needs it there, the old did not; 0: the
                                      reverse */
    struct region when;            /* over the other variables */
    int32_t old_leaf, new_leaf;
    struct rulec_claim example;       /* without the input, and without what neither version reads */
};

struct diff {
    struct diff_space space;
    int nvocabulary;
    struct diff_vocabulary *vocabulary;
    /* What a clerk or an auditor reads that changes without changing an answer: citations,
     * reasons, interpretations, notes, labels, titles, sources (what: "cite", "reason",
     * "interpretation", "note", "label", "title", "source"; detail: « old » → « new »). None
     * with answers_only. */
    int ntexts;
    struct diff_vocabulary *texts;
    int nregions;
    struct diff_region *regions;
    int nneeds;
    struct diff_need *needs;
    int needs_skipped;             /* inputs whose needs were not walked: too many paths */
    int breaking;                  /* some vocabulary change breaks the C API */
};

/* Compares two compiled, finished policies. A region changes when its outcome, an output or
 * its deciding rule does, and holds exactly the claims whose answer changes (where only an
 * output's value does, on part of what both versions decide alike, the region is that part:
 * the optometrists' claims of days 91 to 120), unless an output's change could not be located
 * (struct diff_output, exact 0); the texts a rule keeps its name through are diff->texts.
 * answers_only: the deciding rule and the texts do not count, only the outcome and the
 * outputs. Returns 0, or -1
 * when the tables have more paths than the budget allows or memory ran out. */
#define DIFF_BUDGET 20000000L
int diff_build(struct arena *arena, const struct compilation *old, const struct compilation *new,
               int answers_only, struct diff *diff);

/* A claim of the common space in one version's terms (new_side: the new version's). */
void diff_claim_for(const struct diff *diff, const struct rulec_claim *common, int new_side,
                    struct rulec_claim *claim);
/* Whether a complete claim of the common space lies in the region. */
int diff_contains(const struct diff *diff, const struct diff_region *region,
                  const struct rulec_claim *common);

#endif
