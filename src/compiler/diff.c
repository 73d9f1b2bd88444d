/* src/compiler/diff.c — what an edit changes (diff.h). Both versions' tables are walked in the
 * space of claims both can express: every path of the old tables, and under each, every path
 * of the new tables that agrees with it, with the analyser's difference constraints dropping
 * combinations no claim can reach. Each pair of leaves is a region where both answers are
 * fixed; those whose answers differ are kept and merged into maximal regions.
 * Part of rulec; see README.md for the licence. */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "buffer.h"
#include "quote.h"

static int diff_same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int diff_find_var(const struct check_model *model, const char *name, int inputs)
{
    for (int v = 0; v < model->nvars; v++)
        if ((model->vars[v].is_input != 0) == (inputs != 0) && strcmp(model->vars[v].name, name) == 0)
            return v;
    return -1;
}

static int diff_find_member(const char *const *members, int count, const char *name)
{
    for (int m = 0; m < count; m++)
        if (strcmp(members[m], name) == 0)
            return m;
    return -1;
}



/* --- the common space ------------------------------------------------------------------- */

/* Adds common variable c for old variable o (and new variable n, or -1). */
static void diff_space_var(struct arena *arena, struct diff_space *s, const struct check_model *old,
                           const struct check_model *new, int o, int n)
{
    struct check_model *m = &s->model;
    int c = m->nvars++;
    const struct check_var *from = &old->vars[o];
    struct check_var *to = &m->vars[c];
    *to = *from;
    to->plus = from->plus >= 0 ? s->old_var[from->plus] : -1;
    to->minus = from->minus >= 0 ? s->old_var[from->minus] : -1;
    s->old_var[o] = c;
    if (n >= 0) {
        s->new_var[n] = c;
        /* An integer both bound: the values both accept. */
        const struct check_var *other = &new->vars[n];
        to->low = from->low > other->low ? from->low : other->low;
        to->high = from->high < other->high ? from->high : other->high;
    }
    if (from->type != RULEC_TYPE_ENUM)
        return;
    /* The members both declare, in the old order. */
    const struct check_var *other = &new->vars[n];
    to->members = arena_alloc(arena, sizeof *to->members * (size_t)(from->nmembers + 1));
    to->member_labels = arena_alloc(arena, sizeof *to->member_labels * (size_t)(from->nmembers + 1));
    s->to_old[c] = arena_alloc(arena, sizeof **s->to_old * (size_t)(from->nmembers + 1));
    s->to_new[c] = arena_alloc(arena, sizeof **s->to_new * (size_t)(from->nmembers + 1));
    to->nmembers = 0;
    for (int k = 0; k < from->nmembers; k++) {
        int j = diff_find_member((const char *const *)other->members, other->nmembers,
                                 from->members[k]);
        s->old_member[o][k] = j >= 0 ? to->nmembers : -1;
        if (j < 0)
            continue;
        s->new_member[n][j] = to->nmembers;
        s->to_old[c][to->nmembers] = k;
        s->to_new[c][to->nmembers] = j;
        to->members[to->nmembers] = from->members[k];
        to->member_labels[to->nmembers++] = from->member_labels[k];
    }
}

static int **diff_member_maps(struct arena *arena, const struct check_model *model)
{
    int **maps = arena_calloc(arena, (size_t)model->nvars + 1, sizeof *maps);
    for (int v = 0; v < model->nvars; v++) {
        int count = model->vars[v].nmembers > 2 ? model->vars[v].nmembers : 2;
        maps[v] = arena_alloc(arena, sizeof **maps * (size_t)count);
        for (int k = 0; k < count; k++)
            maps[v][k] = model->vars[v].type == RULEC_TYPE_BOOL ? k : -1;
    }
    return maps;
}

static void diff_space_build(struct arena *arena, struct diff_space *s, const struct check_model *old,
                             const struct check_model *new)
{
    struct check_model *m = &s->model;
    memset(m, 0, sizeof *m);
    m->name = old->name;
    m->vars = arena_calloc(arena, (size_t)(old->nvars + new->nvars) + 1, sizeof *m->vars);
    s->old_var = arena_alloc(arena, sizeof *s->old_var * (size_t)(old->nvars + 1));
    s->new_var = arena_alloc(arena, sizeof *s->new_var * (size_t)(new->nvars + 1));
    for (int v = 0; v < old->nvars; v++)
        s->old_var[v] = -1;
    for (int v = 0; v < new->nvars; v++)
        s->new_var[v] = -1;
    s->old_member = diff_member_maps(arena, old);
    s->new_member = diff_member_maps(arena, new);
    int total = old->nvars + new->nvars + 1;
    s->to_old = arena_calloc(arena, (size_t)total, sizeof *s->to_old);
    s->to_new = arena_calloc(arena, (size_t)total, sizeof *s->to_new);
    s->old_input = arena_alloc(arena, sizeof *s->old_input * (size_t)total);
    s->new_input = arena_alloc(arena, sizeof *s->new_input * (size_t)total);
    /* Inputs both declare with the same type (an integer, with some value both accept). */
    for (int o = 0; o < old->ninputs; o++) {
        int n = diff_find_var(new, old->vars[o].name, 1);
        if (n < 0 || new->vars[n].type != old->vars[o].type
            || old->vars[o].low > new->vars[n].high || new->vars[n].low > old->vars[o].high)
            continue;
        s->old_input[m->nvars] = o;
        s->new_input[m->nvars] = n;
        diff_space_var(arena, s, old, new, o, n);
    }
    m->ninputs = m->nvars;
    /* Derived values over them: the old version's, then the new version's that differ. */
    for (int o = old->ninputs; o < old->nvars; o++) {
        const struct check_var *var = &old->vars[o];
        if ((var->plus >= 0 && s->old_var[var->plus] < 0) || (var->minus >= 0 && s->old_var[var->minus] < 0))
            continue;
        diff_space_var(arena, s, old, new, o, -1);
    }
    for (int n = new->ninputs; n < new->nvars; n++) {
        const struct check_var *var = &new->vars[n];
        int plus = var->plus >= 0 ? s->new_var[var->plus] : -1;
        int minus = var->minus >= 0 ? s->new_var[var->minus] : -1;
        if ((var->plus >= 0 && plus < 0) || (var->minus >= 0 && minus < 0))
            continue;
        for (int c = m->ninputs; c < m->nvars && s->new_var[n] < 0; c++)
            if (m->vars[c].plus == plus && m->vars[c].minus == minus && m->vars[c].offset == var->offset)
                s->new_var[n] = c;
        if (s->new_var[n] >= 0)
            continue;
        int c = m->nvars++;
        m->vars[c] = *var;
        m->vars[c].plus = plus;
        m->vars[c].minus = minus;
        s->new_var[n] = c;
    }
    s->vars = arena_calloc(arena, (size_t)m->nvars + 1, sizeof *s->vars);
    for (int c = 0; c < m->nvars; c++) {
        s->vars[c].name = m->vars[c].name;
        s->vars[c].label = m->vars[c].label;
        s->vars[c].type = (uint8_t)m->vars[c].type;
        s->vars[c].is_input = (uint8_t)m->vars[c].is_input;
        s->vars[c].nmembers = (uint16_t)m->vars[c].nmembers;
        s->vars[c].members = (const char *const *)m->vars[c].members;
        s->vars[c].member_labels = (const char *const *)m->vars[c].member_labels;
        s->vars[c].low = m->vars[c].low;
        s->vars[c].high = m->vars[c].high;
    }
}

/* --- answers ------------------------------------------------------------------------------ */

/* The value an output holds, comparable across versions: members by name. */
static int diff_same_const(const struct rulec_output *a, int32_t x, const struct rulec_output *b, int32_t y)
{
    if (a->type == RULEC_TYPE_ENUM)
        return x >= 0 && y >= 0 && x < a->nmembers && y < b->nmembers
               && strcmp(a->members[x], b->members[y]) == 0;
    if (a->type != RULEC_TYPE_SET)
        return x == y;
    uint32_t seen = 0;
    for (unsigned m = 0; m < a->nmembers; m++) {
        if (!((uint32_t)x >> m & 1))
            continue;
        int j = diff_find_member(b->members, b->nmembers, a->members[m]);
        if (j < 0 || !((uint32_t)y >> j & 1))
            return 0;
        seen |= (uint32_t)1 << j;
    }
    return seen == (uint32_t)y;
}

static const struct rulec_assign *diff_assign(const struct rulec_policy *policy, const struct rulec_rule *rule,
                                              unsigned output)
{
    for (unsigned i = 0; i < rule->nassigns; i++)
        if (policy->assigns[rule->first_assign + i].output == output)
            return &policy->assigns[rule->first_assign + i];
    return NULL;
}

static int diff_same_operand(const struct rulec_policy *a, const struct rulec_operand *x,
                             const struct rulec_policy *b, const struct rulec_operand *y)
{
    if (x->kind != y->kind)
        return 0;
    if (x->kind == RULEC_OPERAND_VAR)
        return strcmp(a->vars[x->value].name, b->vars[y->value].name) == 0;
    if (x->kind == RULEC_OPERAND_OUTPUT)
        return strcmp(a->outputs[x->value].name, b->outputs[y->value].name) == 0;
    return x->value == y->value;
}

/* Whether output o of a and output p of b are defined alike: both assigned by rules, or both
 * computed by the same comparison of the same operands. */
static int diff_same_definition(const struct rulec_policy *a, unsigned o, const struct rulec_policy *b,
                                unsigned p)
{
    const struct rulec_output *x = &a->outputs[o], *y = &b->outputs[p];
    return x->computed == y->computed
           && (!x->computed || (x->op == y->op && diff_same_operand(a, &x->left, b, &y->left)
                                && diff_same_operand(a, &x->right, b, &y->right)));
}

/* An assignment's value for member k of its key (a lookup), or its value. */
static int32_t diff_assign_value(const struct rulec_policy *policy, const struct rulec_assign *assign,
                                 unsigned k)
{
    return assign->key < 0 ? assign->value : policy->lookup_values[assign->value + k];
}

/* Two assignments of which one at least is a lookup: 1 when the value may differ for some
 * member of the key (members matched by name; a member that only one version declares makes
 * claims the diff does not compare, diff_space). */
static int diff_lookup_differs(const struct rulec_policy *a, const struct rulec_assign *s,
                               const struct rulec_output *x, const struct rulec_policy *b,
                               const struct rulec_assign *t, const struct rulec_output *y)
{
    if (s->kind == RULEC_ASSIGN_SHIFT && strcmp(a->vars[s->var].name, b->vars[t->var].name) != 0)
        return 1;
    if (s->key >= 0 && t->key >= 0
        && strcmp(a->vars[s->key].name, b->vars[t->key].name) != 0)
        return 1;
    const struct rulec_var *key = s->key >= 0 ? &a->vars[s->key] : &b->vars[t->key];
    for (unsigned k = 0; k < key->nmembers; k++) {
        unsigned j = k;
        if (s->key >= 0 && t->key >= 0) {
            const struct rulec_var *other = &b->vars[t->key];
            for (j = 0; j < other->nmembers; j++)
                if (strcmp(other->members[j], key->members[k]) == 0)
                    break;
            if (j == other->nmembers)
                continue;
        }
        int32_t u = s->key >= 0 ? diff_assign_value(a, s, k) : s->value;
        int32_t v = t->key >= 0 ? diff_assign_value(b, t, j) : t->value;
        if (s->kind == RULEC_ASSIGN_SHIFT ? u != v : !diff_same_const(x, u, y, v))
            return 1;
    }
    return 0;
}

/* The same output of both versions under two rules: 1 when the values may differ. */
static int diff_output_differs(const struct rulec_policy *a, const struct rulec_rule *ra, unsigned o,
                               const struct rulec_policy *b, const struct rulec_rule *rb, unsigned p)
{
    const struct rulec_output *x = &a->outputs[o], *y = &b->outputs[p];
    if (x->computed || y->computed)
        return !diff_same_definition(a, o, b, p);
    const struct rulec_assign *s = diff_assign(a, ra, o), *t = diff_assign(b, rb, p);
    if (!s || !t || s->kind != t->kind)
        return 1;
    if (s->key >= 0 || t->key >= 0)
        return diff_lookup_differs(a, s, x, b, t, y);
    if (s->kind == RULEC_ASSIGN_SHIFT)
        return s->value != t->value || strcmp(a->vars[s->var].name, b->vars[t->var].name) != 0;
    return !diff_same_const(x, s->value, y, t->value);
}

/* The output of b that output o of a is in the other version: the same name and type, or -1
 * (a change of vocabulary, which regions do not compare). */
static int diff_common_output(const struct rulec_policy *a, unsigned o, const struct rulec_policy *b)
{
    for (unsigned p = 0; p < b->noutputs; p++)
        if (strcmp(b->outputs[p].name, a->outputs[o].name) == 0)
            return a->outputs[o].type == b->outputs[p].type ? (int)p : -1;
    return -1;
}

/* Whether the answers at two leaves differ: 1 differ, 0 the same. answers_only: outcome and
 * outputs only. */
static int diff_answers_differ(const struct compilation *old, const struct compilation *new,
                               int32_t old_leaf, int32_t new_leaf, int answers_only)
{
    const struct rulec_policy *a = old->policy, *b = new->policy;
    uint32_t x = (uint32_t)(-(old_leaf + 1)), y = (uint32_t)(-(new_leaf + 1));
    int x_rule = x < a->nrules, y_rule = y < b->nrules;
    if (!x_rule || !y_rule) {
        if (x_rule != y_rule)
            return 1;
        /* Both need an input (the same one?), or neither file decides (an unfinished policy:
         * for the same reason?). */
        uint32_t u = x - a->nrules, v = y - b->nrules;
        if ((u >= a->nvars) != (v >= b->nvars))
            return 1;
        if (u < a->nvars)
            return strcmp(a->vars[u].name, b->vars[v].name) != 0;
        u -= a->nvars;
        v -= b->nvars;
        return u >= a->nundecided || v >= b->nundecided
               || strcmp(a->undecided[u], b->undecided[v]) != 0;
    }
    const struct rulec_rule *ra = &a->rules[x], *rb = &b->rules[y];
    if (ra->outcome != rb->outcome)
        return 1;
    /* Another rule decides: its citation and reasons come with it. The same rule's texts that
     * change are the diff's texts, said once each, not once per region. */
    if (!answers_only && strcmp(ra->name, rb->name) != 0)
        return 1;
    uint32_t set_a = rulec_rule_outputs(a, ra), set_b = rulec_rule_outputs(b, rb);
    for (unsigned o = 0; o < a->noutputs; o++) {
        int q = diff_common_output(a, o, b);
        if (q < 0)
            continue;      /* not common: a change of vocabulary */
        unsigned p = (unsigned)q;
        int in_a = (int)(set_a >> o & 1), in_b = (int)(set_b >> p & 1);
        if (in_a != in_b)
            return 1;
        if (in_a && diff_output_differs(a, ra, o, b, rb, p))
            return 1;
    }
    return 0;
}

/* --- the walk ----------------------------------------------------------------------------- */

struct diff_piece {
    int32_t old_leaf, new_leaf;
    uint64_t *mask;
    int32_t *low, *high;
    struct rulec_claim example;
};

struct diff_walk {
    struct arena *arena;
    const struct compilation *old, *new;
    struct diff *diff;
    int answers_only;
    struct analyse_path *path;
    uint64_t *mask;
    int32_t *low, *high;
    int32_t old_leaf;
    long budget;
    int failed;
    struct diff_piece *pieces;
    int npieces;
    size_t capacity;
    int absent;                    /* -1, or the common input the claims walked lack */
};

/* Whether common variable c reads common input input: it is the input, or a derived value of
 * it. */
static int diff_reads(const struct check_model *m, int c, int input)
{
    return c == input || (!m->vars[c].is_input && (m->vars[c].plus == input || m->vars[c].minus == input));
}

/* Whether one version's variable v reads common input input. */
static int diff_version_reads(const struct diff_space *s, int side, int v, int input)
{
    int c = v < 0 ? -1 : (side ? s->new_var : s->old_var)[v];
    return c >= 0 && diff_reads(&s->model, c, input);
}

/* At a leaf of one version's tables: 1 when a claim lacking input there is missing it (the
 * leaf asks for it, or its rule's answer reads it: a lookup's key, a date shifted, a computed
 * output's operand), 0 when it is decided, -1 neither (another input is missing). */
static int diff_leaf_needs(const struct diff_space *s, const struct rulec_policy *policy, int side,
                           int32_t leaf_ref, int input)
{
    uint32_t leaf = (uint32_t)(-(leaf_ref + 1));
    if (leaf >= policy->nrules)
        return leaf < policy->nrules + policy->nvars
               && diff_version_reads(s, side, (int)(leaf - policy->nrules), input) ? 1 : -1;
    const struct rulec_rule *rule = &policy->rules[leaf];
    for (unsigned i = 0; i < rule->nassigns; i++) {
        const struct rulec_assign *assign = &policy->assigns[rule->first_assign + i];
        if (diff_version_reads(s, side, assign->key, input)
            || (assign->kind == RULEC_ASSIGN_SHIFT && diff_version_reads(s, side, assign->var, input)))
            return 1;
    }
    uint32_t set = rulec_rule_outputs(policy, rule);
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rulec_output *output = &policy->outputs[o];
        if (!output->computed || !(set >> o & 1))
            continue;
        if ((output->left.kind == RULEC_OPERAND_VAR && diff_version_reads(s, side, output->left.value, input))
            || (output->right.kind == RULEC_OPERAND_VAR
                && diff_version_reads(s, side, output->right.value, input)))
            return 1;
    }
    return 0;
}

/* Of a claim that lacks input absent: 1 when the new version needs it and the old decides
 * without it, 2 the reverse, 0 otherwise. */
static int diff_need_change(const struct diff_walk *w, int32_t new_leaf)
{
    const struct diff_space *s = &w->diff->space;
    int old_needs = diff_leaf_needs(s, w->old->policy, 0, w->old_leaf, w->absent);
    int new_needs = diff_leaf_needs(s, w->new->policy, 1, new_leaf, w->absent);
    return new_needs == 1 && old_needs == 0 ? 1 : old_needs == 1 && new_needs == 0 ? 2 : 0;
}

static void diff_record(struct diff_walk *w, int32_t new_leaf, int depth)
{
    if (w->absent >= 0 ? !diff_need_change(w, new_leaf)
                       : !diff_answers_differ(w->old, w->new, w->old_leaf, new_leaf, w->answers_only))
        return;
    w->pieces = arena_heap_grow(w->pieces, &w->capacity, (size_t)w->npieces + 1, sizeof *w->pieces);
    const struct check_model *m = &w->diff->space.model;
    struct diff_piece *piece = &w->pieces[w->npieces++];
    piece->old_leaf = w->old_leaf;
    piece->new_leaf = new_leaf;
    piece->mask = arena_alloc(w->arena, sizeof *piece->mask * (size_t)(m->nvars + 1));
    piece->low = arena_alloc(w->arena, sizeof *piece->low * (size_t)(m->nvars + 1));
    piece->high = arena_alloc(w->arena, sizeof *piece->high * (size_t)(m->nvars + 1));
    memcpy(piece->mask, w->mask, sizeof *piece->mask * (size_t)m->nvars);
    memcpy(piece->low, w->low, sizeof *piece->low * (size_t)m->nvars);
    memcpy(piece->high, w->high, sizeof *piece->high * (size_t)m->nvars);
    memset(&piece->example, 0, sizeof piece->example);
    analyse_path_values(w->path, depth, &piece->example);
    for (int c = 0; c < m->ninputs; c++) {
        if (!regions_nominal(&m->vars[c]))
            continue;
        int k = 0;
        while (k < 63 && !(w->mask[c] >> k & 1))
            k++;
        piece->example.values[c] = k;
        piece->example.present |= (uint64_t)1 << c;
    }
}

static void diff_walk_tables(struct diff_walk *w, int side, int32_t ref, int depth);

/* A node on a nominal variable: one branch per group of members with the same child. */
static void diff_walk_members(struct diff_walk *w, int side, const struct rulec_node *node, int c,
                              int **member, int depth)
{
    const struct rulec_policy *policy = side ? w->new->policy : w->old->policy;
    uint32_t count = node->nchildren - 1;
    uint64_t handled = 0;
    for (uint32_t i = 0; i < count && i < 64; i++) {
        if (handled >> i & 1)
            continue;
        int32_t child = rulec_child(policy, node->first_child + i);
        uint64_t branch = 0;
        for (uint32_t j = i; j < count && j < 64; j++) {
            if (rulec_child(policy, node->first_child + j) != child)
                continue;
            handled |= (uint64_t)1 << j;
            int k = member[node->var][j];
            if (k >= 0)
                branch |= (uint64_t)1 << k;
        }
        branch &= w->mask[c];
        if (!branch)
            continue;
        uint64_t saved = w->mask[c];
        w->mask[c] = branch;
        diff_walk_tables(w, side, child, depth);
        w->mask[c] = saved;
    }
}

/* A node on a date or an integer: one branch per interval that meets the path's. */
static void diff_walk_intervals(struct diff_walk *w, int side, const struct rulec_node *node, int c,
                                int depth)
{
    const struct rulec_policy *policy = side ? w->new->policy : w->old->policy;
    uint32_t count = node->nchildren - 1;
    for (uint32_t i = 0; i < count && !w->failed; i++) {
        int32_t low = i == 0 ? INT32_MIN : rulec_bound(policy, node->first_child + i);
        int32_t high = i + 1 < count ? rulec_bound(policy, node->first_child + i + 1) - 1 : INT32_MAX;
        low = low > w->low[c] ? low : w->low[c];
        high = high < w->high[c] ? high : w->high[c];
        if (low > high || analyse_path_push_range(w->path, depth, c, low, high) != 0)
            continue;
        int32_t saved_low = w->low[c], saved_high = w->high[c];
        w->low[c] = low;
        w->high[c] = high;
        diff_walk_tables(w, side, rulec_child(policy, node->first_child + i), depth + 1);
        w->low[c] = saved_low;
        w->high[c] = saved_high;
    }
}

static void diff_walk_tables(struct diff_walk *w, int side, int32_t ref, int depth)
{
    if (w->failed || --w->budget < 0) {
        w->failed = 1;
        return;
    }
    const struct rulec_policy *policy = side ? w->new->policy : w->old->policy;
    if (ref < 0) {
        if (side) {
            diff_record(w, ref, depth);
        } else {
            w->old_leaf = ref;
            diff_walk_tables(w, 1, w->new->policy->root, depth);
        }
        return;
    }
    const struct rulec_node *node = &policy->nodes[ref];
    const struct diff_space *s = &w->diff->space;
    int c = (side ? s->new_var : s->old_var)[node->var];
    if (c < 0 || (w->absent >= 0 && diff_reads(&s->model, c, w->absent))) {
        /* not in the common space, or the input the claims lack: absent from its claims */
        diff_walk_tables(w, side, rulec_child(policy, node->first_child + node->nchildren - 1), depth);
        return;
    }
    if (regions_nominal(&s->model.vars[c]))
        diff_walk_members(w, side, node, c, side ? s->new_member : s->old_member, depth);
    else
        diff_walk_intervals(w, side, node, c, depth);
}

/* --- vocabulary --------------------------------------------------------------------------- */

struct diff_words {
    struct arena *arena;
    struct diff *diff;
    int capacity;
    int texts;                     /* 1: say into diff->texts, not diff->vocabulary */
};

static void diff_say(struct diff_words *v, enum diff_change_kind kind, const char *what,
                     const char *name, const char *detail, int breaking)
{
    struct diff *d = v->diff;
    int *count = v->texts ? &d->ntexts : &d->nvocabulary;
    struct diff_vocabulary **list = v->texts ? &d->texts : &d->vocabulary;
    *list = arena_grow(v->arena, *list, *count, &v->capacity, sizeof **list);
    struct diff_vocabulary *item = &(*list)[(*count)++];
    item->kind = kind;
    item->what = what;
    item->name = name;
    item->detail = detail ? detail : "";
    item->breaking = breaking;
    item->old_text = item->new_text = NULL;
    d->breaking |= breaking;
}

static const char *const diff_type_words[] = { "bool", "int", "date", "enum", "set" };

/* The members of an enumeration or a set, as C constants: those whose number moves, and
 * those removed, break billing software; those appended do not. */
static void diff_members(struct diff_words *v, const char *policy, const char *owner,
                         const char *const *old, int nold, const char *const *new, int nnew, int set)
{
    char upper_policy[128], upper_owner[128], upper_member[128];
    buffer_upper(policy, upper_policy, sizeof upper_policy);
    buffer_upper(owner, upper_owner, sizeof upper_owner);
    for (int k = 0; k < nold; k++) {
        int j = diff_find_member(new, nnew, old[k]);
        const char *name = arena_printf(v->arena, "%s.%s", owner, old[k]);
        const char *constant = arena_printf(v->arena, "%s_%s_%s", upper_policy, upper_owner,
                                            buffer_upper(old[k], upper_member, sizeof upper_member));
        if (j < 0) {
            diff_say(v, DIFF_REMOVED, "member", name,
                     arena_printf(v->arena, "%s disparaît de l'API C", constant), 1);
        } else if (j != k) {
            diff_say(v, DIFF_CHANGED, "c_constant", constant,
                     set ? arena_printf(v->arena, "bit %d → bit %d : le logiciel qui a stocké "
                                        "l'ancien masque lirait un autre membre", k, j)
                         : arena_printf(v->arena, "%d → %d : le logiciel qui a stocké l'ancien "
                                        "nombre lirait un autre membre", k, j), 1);
        }
    }
    for (int j = 0; j < nnew; j++) {
        if (diff_find_member(old, nold, new[j]) >= 0)
            continue;
        int appended = j >= nold;
        for (int k = 0; k < nold && appended; k++)
            appended = diff_find_member(new, nnew, old[k]) == k;
        diff_say(v, DIFF_ADDED, "member", arena_printf(v->arena, "%s.%s", owner, new[j]),
                 appended ? "ajouté à la fin : les constantes existantes ne bougent pas"
                          : "inséré : les constantes qui le suivent changent de numéro", !appended);
    }
}

static const char *diff_derived_text(struct arena *arena, const struct check_model *m, const struct check_var *var)
{
    return arena_printf(arena, "%s%s%s%s%+ld", var->plus >= 0 ? m->vars[var->plus].name : "0",
                        var->minus >= 0 ? " - " : "", var->minus >= 0 ? m->vars[var->minus].name : "",
                        "", (long)var->offset);
}

static void diff_vocabulary_vars(struct diff_words *v, const struct check_model *old,
                                 const struct check_model *new)
{
    for (int o = 0; o < old->nvars; o++) {
        const struct check_var *a = &old->vars[o];
        int n = diff_find_var(new, a->name, a->is_input);
        const char *what = a->is_input ? "input" : "let";
        if (n < 0) {
            diff_say(v, DIFF_REMOVED, what, a->name, a->is_input ? "le champ disparaît de la "
                     "demande de l'API C" : "", a->is_input);
            continue;
        }
        const struct check_var *b = &new->vars[n];
        if (a->type != b->type) {
            diff_say(v, DIFF_CHANGED, what, a->name, arena_printf(v->arena, "type %s → %s",
                     diff_type_words[a->type], diff_type_words[b->type]), a->is_input);
            continue;
        }
        if (a->low != b->low || a->high != b->high)
            /* A value accepted before and refused now breaks the program that sends it. */
            diff_say(v, DIFF_CHANGED, what, a->name, arena_printf(v->arena, "valeurs permises : "
                     "%s → %s", check_range_text(v->arena, a->low, a->high),
                     check_range_text(v->arena, b->low, b->high)),
                     b->low > a->low || b->high < a->high);
        if (!a->is_input) {
            const char *x = diff_derived_text(v->arena, old, a), *y = diff_derived_text(v->arena, new, b);
            if (strcmp(x, y) != 0)
                diff_say(v, DIFF_CHANGED, what, a->name, arena_printf(v->arena, "%s → %s", x, y), 0);
        }
        if (a->type == RULEC_TYPE_ENUM)
            diff_members(v, old->name, a->name, (const char *const *)a->members, a->nmembers,
                         (const char *const *)b->members, b->nmembers, 0);
    }
    for (int n = 0; n < new->nvars; n++)
        if (diff_find_var(old, new->vars[n].name, new->vars[n].is_input) < 0)
            diff_say(v, DIFF_ADDED, new->vars[n].is_input ? "input" : "let", new->vars[n].name,
                     new->vars[n].is_input ? "un champ de plus dans la demande de l'API C (à "
                     "recompiler) ; absent des demandes que les deux versions comparent" : "", 0);
}

static int diff_find_output(const struct check_model *model, const char *name)
{
    for (int o = 0; o < model->noutputs; o++)
        if (strcmp(model->outputs[o].name, name) == 0)
            return o;
    return -1;
}

static void diff_vocabulary_outputs(struct diff_words *v, const struct compilation *old,
                                    const struct compilation *new)
{
    const struct check_model *a = old->model, *b = new->model;
    for (int o = 0; o < a->noutputs; o++) {
        const struct check_output *x = &a->outputs[o];
        int p = diff_find_output(b, x->name);
        if (p < 0) {
            diff_say(v, DIFF_REMOVED, "output", x->name, "le champ disparaît du résultat de l'API C", 1);
            continue;
        }
        const struct check_output *y = &b->outputs[p];
        if (x->type != y->type) {
            diff_say(v, DIFF_CHANGED, "output", x->name, arena_printf(v->arena, "type %s → %s",
                     diff_type_words[x->type], diff_type_words[y->type]), 1);
            continue;
        }
        if (!diff_same_definition(old->policy, (unsigned)o, new->policy, (unsigned)p))
            diff_say(v, DIFF_CHANGED, "output", x->name, "sa définition change", 0);
        if (x->type == RULEC_TYPE_ENUM || x->type == RULEC_TYPE_SET)
            diff_members(v, a->name, x->name, (const char *const *)x->members, x->nmembers,
                         (const char *const *)y->members, y->nmembers, x->type == RULEC_TYPE_SET);
    }
    for (int p = 0; p < b->noutputs; p++)
        if (diff_find_output(a, b->outputs[p].name) < 0)
            diff_say(v, DIFF_ADDED, "output", b->outputs[p].name, "un champ de plus dans le "
                     "résultat de l'API C (à recompiler) ; les régions ne comparent que les "
                     "sorties des deux versions", 0);
}

struct diff_named {
    const char *name;
    int index;
};

static int diff_by_name(const void *a, const void *b)
{
    return strcmp(((const struct diff_named *)a)->name, ((const struct diff_named *)b)->name);
}

/* Each rule of from, the index of the rule of to with its name, or -1: one sort, then a
 * binary search each (a linear search each was quadratic: 100 million comparisons for two
 * files of 10,000 rules). */
static int *diff_rule_map(struct arena *arena, const struct check_model *from,
                          const struct check_model *to)
{
    struct diff_named *sorted = arena_alloc(arena, sizeof *sorted * (size_t)(to->nrules + 1));
    for (int r = 0; r < to->nrules; r++)
        sorted[r] = (struct diff_named){ to->rules[r].name, r };
    if (to->nrules > 1)
        qsort(sorted, (size_t)to->nrules, sizeof *sorted, diff_by_name);
    int *map = arena_alloc(arena, sizeof *map * (size_t)(from->nrules + 1));
    for (int r = 0; r < from->nrules; r++) {
        struct diff_named key = { from->rules[r].name, 0 };
        const struct diff_named *found = to->nrules
            ? bsearch(&key, sorted, (size_t)to->nrules, sizeof *sorted, diff_by_name) : NULL;
        map[r] = found ? found->index : -1;
    }
    return map;
}

static void diff_vocabulary(struct arena *arena, const struct compilation *old,
                            const struct compilation *new, struct diff *diff)
{
    struct diff_words v = { arena, diff, 0, 0 };
    if (strcmp(old->model->name, new->model->name) != 0)
        diff_say(&v, DIFF_CHANGED, "policy", old->model->name, arena_printf(arena, "%s → %s : "
                 "tous les noms de l'API C changent", old->model->name, new->model->name), 1);
    diff_vocabulary_vars(&v, old->model, new->model);
    diff_vocabulary_outputs(&v, old, new);
    int *kept = diff_rule_map(arena, old->model, new->model);
    int *had = diff_rule_map(arena, new->model, old->model);
    for (int r = 0; r < old->model->nrules; r++)
        if (kept[r] < 0)
            diff_say(&v, DIFF_REMOVED, "rule", old->model->rules[r].name, "", 0);
    for (int r = 0; r < new->model->nrules; r++)
        if (had[r] < 0)
            diff_say(&v, DIFF_ADDED, "rule", new->model->rules[r].name, "", 0);
}

/* --- texts: what a clerk or an auditor reads ---------------------------------------------- */

/* One text of name, old a and new b (NULL: none), said when they differ. */
static void diff_text(struct diff_words *v, const char *what, const char *name, const char *a,
                      const char *b)
{
    if (diff_same_text(a, b))
        return;
    /* A citation carries its own guillemets around its quote. */
    int quoted = strcmp(what, "cite") != 0;
    const char *open = quoted ? "« " : "", *close = quoted ? " »" : "";
    const char *detail = a && b ? arena_printf(v->arena, "%s%s%s → %s%s%s", open, a, close, open,
                                               b, close)
                                : arena_printf(v->arena, "%s%s%s", open, a ? a : b, close);
    diff_say(v, !a ? DIFF_ADDED : !b ? DIFF_REMOVED : DIFF_CHANGED, what, name, detail, 0);
    v->diff->texts[v->diff->ntexts - 1].old_text = a;
    v->diff->texts[v->diff->ntexts - 1].new_text = b;
}

/* A citation as a reader sees it: source, section, quote, and whether it is read with others. */
static const char *diff_cite_text(struct arena *arena, const struct check_model *m,
                                  const struct rulec_cite *cite)
{
    return arena_printf(arena, "%s%s %s%s%s%s", cite->interprets ? "(lu avec d'autres) " : "",
                        m->sources[cite->source].name, cite->section, cite->quote ? " « " : "",
                        cite->quote ? cite->quote : "", cite->quote ? " »" : "");
}

/* What quote_verify found for a citation of the new version (found: its entry in the
 * model's array, check.h), in words, or "" when the quotes were not looked for. From the
 * model, not the syntax tree: finding each declaration by name made the diff quadratic. */
static const char *diff_quote_found(const struct compilation *c, const unsigned char *found,
                                    const struct rulec_cite *cite)
{
    if (!c->quotes_checked || !cite->quote)
        return "";
    if (!c->model->sources[cite->source].file)
        return " (source sans texte : rien ne la vérifie)";
    if (!found)
        return "";
    return *found == QUOTE_FOUND ? " (vérifiée dans le texte)"
           : *found == QUOTE_ELSEWHERE ? " (trouvée hors de la section citée)" : "";
}

/* The citations of one rule or property of both versions, one by one; a new quote says
 * whether the source's text holds it (rulec diff --sources). */
static void diff_cites(struct diff_words *v, const char *owner, const struct check_model *a,
                       const struct rulec_cite *x, int nx, const struct compilation *new,
                       const unsigned char *yfound, const struct rulec_cite *y, int ny)
{
    const struct check_model *b = new->model;
    for (int i = 0; i < nx || i < ny; i++) {
        int before = v->diff->ntexts;
        diff_text(v, "cite", arena_printf(v->arena, "%s (%d)", owner, i + 1),
                  i < nx ? diff_cite_text(v->arena, a, &x[i]) : NULL,
                  i < ny ? diff_cite_text(v->arena, b, &y[i]) : NULL);
        if (v->diff->ntexts > before && i < ny) {
            struct diff_vocabulary *item = &v->diff->texts[before];
            item->detail = arena_printf(v->arena, "%s%s", item->detail,
                                        diff_quote_found(new, yfound ? &yfound[i] : NULL,
                                                         &y[i]));
        }
    }
}

static int diff_find_source(const struct check_model *model, const char *name)
{
    for (int k = 0; k < model->nsources; k++)
        if (strcmp(model->sources[k].name, name) == 0)
            return k;
    return -1;
}

static void diff_member_labels(struct diff_words *v, const char *owner, const char *const *xm,
                               const char *const *xl, int nx, const char *const *ym,
                               const char *const *yl, int ny)
{
    for (int k = 0; k < nx; k++) {
        int j = diff_find_member(ym, ny, xm[k]);
        if (j >= 0 && xl && yl)
            diff_text(v, "label", arena_printf(v->arena, "%s.%s", owner, xm[k]), xl[k], yl[j]);
    }
}

static void diff_texts(struct arena *arena, const struct compilation *old,
                       const struct compilation *new, struct diff *diff)
{
    struct diff_words v = { arena, diff, 0, 1 };
    const struct check_model *a = old->model, *b = new->model;
    diff_text(&v, "title", a->name, a->title, b->title);
    for (int k = 0; k < a->nsources; k++) {
        const struct check_source *x = &a->sources[k];
        int j = diff_find_source(b, x->name);
        if (j < 0) {
            diff_text(&v, "source", x->name, x->title, NULL);
            continue;
        }
        const struct check_source *y = &b->sources[j];
        diff_text(&v, "title", x->name, x->title, y->title);
        diff_text(&v, "note", x->name, x->note, y->note);
        diff_text(&v, "file", x->name, x->file, y->file);
    }
    for (int j = 0; j < b->nsources; j++)
        if (diff_find_source(a, b->sources[j].name) < 0)
            diff_text(&v, "source", b->sources[j].name, NULL, b->sources[j].title);
    for (int o = 0; o < a->nvars; o++) {
        const struct check_var *x = &a->vars[o];
        int n = diff_find_var(b, x->name, x->is_input);
        if (n < 0)
            continue;
        const struct check_var *y = &b->vars[n];
        diff_text(&v, "label", x->name, x->label, y->label);
        if (x->type == RULEC_TYPE_ENUM && y->type == RULEC_TYPE_ENUM)
            diff_member_labels(&v, x->name, (const char *const *)x->members,
                               (const char *const *)x->member_labels, x->nmembers,
                               (const char *const *)y->members,
                               (const char *const *)y->member_labels, y->nmembers);
    }
    for (int o = 0; o < a->noutputs; o++) {
        const struct check_output *x = &a->outputs[o];
        int p = diff_find_output(b, x->name);
        if (p < 0)
            continue;
        const struct check_output *y = &b->outputs[p];
        diff_text(&v, "label", x->name, x->label, y->label);
        if (x->type == y->type && (x->type == RULEC_TYPE_ENUM || x->type == RULEC_TYPE_SET))
            diff_member_labels(&v, x->name, (const char *const *)x->members,
                               (const char *const *)x->member_labels, x->nmembers,
                               (const char *const *)y->members,
                               (const char *const *)y->member_labels, y->nmembers);
    }
    int *kept = diff_rule_map(arena, a, b);
    for (int r = 0; r < a->nrules; r++) {
        const struct check_rule *x = &a->rules[r];
        int q = kept[r];
        if (q < 0)
            continue;
        const struct check_rule *y = &b->rules[q];
        diff_cites(&v, x->name, a, x->cites, x->ncites, new, y->found, y->cites, y->ncites);
        diff_text(&v, "reason", x->name, x->reason, y->reason);
        diff_text(&v, "interpretation", x->name, x->interpretation, y->interpretation);
        diff_text(&v, "note", x->name, x->note, y->note);
    }
    for (int k = 0; k < a->nproperties; k++) {
        const struct check_property *x = &a->properties[k];
        const struct check_property *y = NULL;
        for (int j = 0; j < b->nproperties && !y; j++)
            if (strcmp(b->properties[j].name, x->name) == 0)
                y = &b->properties[j];
        if (!y)
            continue;            /* the properties' own section says it */
        diff_text(&v, "label", x->name, x->label, y->label);
        diff_cites(&v, x->name, a, x->cites, x->ncites, new, y->found, y->cites, y->ncites);
        diff_text(&v, "interpretation", x->name, x->interpretation, y->interpretation);
    }
}

/* --- the whole -------------------------------------------------------------------------- */

/* Regions of one pair of leaves merged while their union is a box (regions_merge_list, as
 * rulec table merges its own), each where the first of its pieces stood. */
struct diff_pair {
    int32_t old_leaf, new_leaf;
    int index;
};

static int diff_by_pair(const void *a, const void *b)
{
    const struct diff_pair *x = a, *y = b;
    if (x->old_leaf != y->old_leaf)
        return x->old_leaf < y->old_leaf ? -1 : 1;
    if (x->new_leaf != y->new_leaf)
        return x->new_leaf < y->new_leaf ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

static void diff_merge(struct arena *arena, struct diff *diff)
{
    int n = diff->nregions;
    struct region *boxes = arena_alloc(arena, sizeof *boxes * (size_t)(n + 1));
    struct diff_pair *pairs = arena_alloc(arena, sizeof *pairs * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        boxes[i] = diff->regions[i].when;
        pairs[i] = (struct diff_pair){ diff->regions[i].old_leaf, diff->regions[i].new_leaf, i };
    }
    /* Each region's rule is the first region with its pair of leaves. */
    if (n > 1)
        qsort(pairs, (size_t)n, sizeof *pairs, diff_by_pair);
    for (int k = 0; k < n; k++) {
        int first = k > 0 && pairs[k].old_leaf == pairs[k - 1].old_leaf
                    && pairs[k].new_leaf == pairs[k - 1].new_leaf
                    ? boxes[pairs[k - 1].index].rule : pairs[k].index;
        boxes[pairs[k].index].rule = first;
    }
    int count = regions_merge_list(arena, &diff->space.model, boxes, n);
    struct diff_region *merged = arena_calloc(arena, (size_t)count + 1, sizeof *merged);
    for (int i = 0; i < count; i++) {
        merged[i] = diff->regions[boxes[i].rule];
        merged[i].when = boxes[i];
        merged[i].when.rule = 0;
    }
    diff->regions = merged;
    diff->nregions = count;
}

static void diff_regions(struct arena *arena, struct diff *diff, struct diff_piece *pieces, int count)
{
    const struct check_model *m = &diff->space.model;
    diff->nregions = count;
    diff->regions = arena_calloc(arena, (size_t)count + 1, sizeof *diff->regions);
    for (int i = 0; i < count; i++) {
        struct diff_region *region = &diff->regions[i];
        region->old_leaf = pieces[i].old_leaf;
        region->new_leaf = pieces[i].new_leaf;
        region->example = pieces[i].example;
        region->when.tests = arena_calloc(arena, (size_t)m->nvars + 1, sizeof *region->when.tests);
        for (int c = 0; c < m->nvars; c++) {
            const struct check_var *var = &m->vars[c];
            /* Within a bounded integer's range: the claims there are. */
            int32_t low = pieces[i].low[c] > var->low ? pieces[i].low[c] : var->low;
            int32_t high = pieces[i].high[c] < var->high ? pieces[i].high[c] : var->high;
            if (regions_nominal(var) ? pieces[i].mask[c] == regions_all_members(var)
                                        : low == var->low && high == var->high)
                continue;
            struct region_test *test = &region->when.tests[region->when.ntests++];
            test->var = c;
            test->members = pieces[i].mask[c];
            test->low = low;
            test->high = high;
        }
    }
}

/* --- an example where the change shows --------------------------------------------------- */

/* What a version answers a complete claim of the common space, as text to compare: the
 * outcome, the deciding rule (unless answers_only) and every output both versions declare,
 * by name and value as written. */
static void diff_answer_text(const struct diff *diff, const struct compilation *c,
                             const struct compilation *other, const struct rulec_claim *common,
                             int new_side, int answers_only, char *text, size_t size)
{
    struct rulec_claim claim;
    struct rulec_result result;
    diff_claim_for(diff, common, new_side, &claim);
    enum rulec_status status = rulec_decide(c->policy, &claim, &result);
    size_t used = (size_t)snprintf(text, size, "%d %d %s", (int)status, (int)result.outcome,
                                   answers_only || result.rule < 0 ? ""
                                   : c->policy->rules[result.rule].name);
    for (unsigned o = 0; o < c->policy->noutputs && used < size; o++) {
        const struct rulec_output *output = &c->policy->outputs[o];
        int shared = 0;
        for (unsigned p = 0; p < other->policy->noutputs; p++)
            shared |= strcmp(other->policy->outputs[p].name, output->name) == 0;
        if (!shared)
            continue;
        char value[160] = "-";
        if (status == RULEC_OK && (result.set >> o & 1)) {
            struct rulec_domain domain = rulec_output_domain(output);
            rulec_format_value(value, sizeof value, &domain, result.values[o], RULEC_NOTATION_RULES);
        }
        used += (size_t)snprintf(text + used, size - used, " %s=%s", output->name, value);
    }
}

/* How many parts of the answer (status, outcome, rule, each shared output) differ. */
static int diff_shows(const struct diff *diff, const struct compilation *old,
                      const struct compilation *new, const struct rulec_claim *common,
                      int answers_only)
{
    char before[2048], after[2048];
    diff_answer_text(diff, old, new, common, 0, answers_only, before, sizeof before);
    diff_answer_text(diff, new, old, common, 1, answers_only, after, sizeof after);
    /* Word by word: both texts list the same parts in the same order. */
    int count = 0;
    const char *x = before, *y = after;
    while (*x || *y) {
        size_t n = strcspn(x, " "), k = strcspn(y, " ");
        count += n != k || memcmp(x, y, n) != 0;
        x += n + (x[n] == ' ');
        y += k + (y[k] == ' ');
    }
    return count;
}

/* The candidates around one claim: each member of each enumeration the region allows, and
 * with it, for each computed output that compares a date input with a date output, that input
 * set to the day after each version's deadline, then to the deadline itself. Keeps in
 * region->example the first claim where the most parts of the answer differ. */
static void diff_try_around(struct diff *diff, const struct compilation *old,
                            const struct compilation *new, struct diff_region *region,
                            const struct rulec_claim *base, int answers_only, int *best)
{
    const struct check_model *m = &diff->space.model;
    for (int c = -1; c < m->ninputs; c++) {
        int members = c < 0 ? 1 : m->vars[c].type == RULEC_TYPE_ENUM ? m->vars[c].nmembers : 0;
        for (int k = 0; k < members; k++) {
            struct rulec_claim trial = *base;
            if (c >= 0)
                trial.values[c] = k;
            if (!diff_contains(diff, region, &trial))
                continue;
            int shown = diff_shows(diff, old, new, &trial, answers_only);
            if (shown > *best) {
                *best = shown;
                region->example = trial;
            }
            /* The days around each version's deadlines. */
            for (int side = 0; side < 2; side++) {
                const struct rulec_policy *policy = side ? new->policy : old->policy;
                struct rulec_claim claim;
                struct rulec_result result;
                diff_claim_for(diff, &trial, side, &claim);
                if (rulec_decide(policy, &claim, &result) != RULEC_OK)
                    continue;
                for (unsigned o = 0; o < policy->noutputs; o++) {
                    const struct rulec_output *output = &policy->outputs[o];
                    if (!output->computed || !(result.set >> o & 1))
                        continue;
                    const struct rulec_operand *input = &output->left, *date = &output->right;
                    if (input->kind != RULEC_OPERAND_VAR) {
                        input = &output->right;
                        date = &output->left;
                    }
                    if (input->kind != RULEC_OPERAND_VAR || date->kind != RULEC_OPERAND_OUTPUT
                        || !policy->vars[input->value].is_input
                        || !(result.set >> date->value & 1))
                        continue;
                    int common = -1;
                    for (int u = 0; u < m->ninputs; u++)
                        if ((side ? diff->space.new_input : diff->space.old_input)[u] == input->value)
                            common = u;
                    if (common < 0)
                        continue;
                    for (int shift = 1; shift >= 0; shift--) {
                        struct rulec_claim moved = trial;
                        moved.values[common] = result.values[date->value] + shift;
                        if (!diff_contains(diff, region, &moved))
                            continue;
                        shown = diff_shows(diff, old, new, &moved, answers_only);
                        if (shown > *best) {
                            *best = shown;
                            region->example = moved;
                        }
                    }
                }
            }
        }
    }
}

static int diff_need_of(const struct diff *d, const struct compilation *old,
                        const struct compilation *new, const struct rulec_claim *common, int absent);

/* Leaves out of claim, last first, each input whose absence changes neither version's answer
 * (nor, with absent >= 0, what the claim lacking that input is: need, as diff_need_of says),
 * so that an example names what the decision rests on. */
static void diff_leave_out(const struct diff *d, const struct compilation *old,
                           const struct compilation *new, struct rulec_claim *claim, int answers_only,
                           int absent, int need)
{
    char before[2048], after[2048], without[2048];
    diff_answer_text(d, old, new, claim, 0, answers_only, before, sizeof before);
    diff_answer_text(d, new, old, claim, 1, answers_only, after, sizeof after);
    for (int c = d->space.model.ninputs - 1; c >= 0; c--) {
        struct rulec_claim trial = *claim;
        trial.present &= ~((uint64_t)1 << c);
        if (c == absent || (absent >= 0 && diff_need_of(d, old, new, &trial, absent) != need))
            continue;
        diff_answer_text(d, old, new, &trial, 0, answers_only, without, sizeof without);
        if (strcmp(without, before) != 0)
            continue;
        diff_answer_text(d, new, old, &trial, 1, answers_only, without, sizeof without);
        if (strcmp(without, after) == 0)
            *claim = trial;
    }
}

/* The region's example: a claim where the change shows most. A change may show on part of
 * the region only (90 days become 120: the claims of days 91 to 120 are no longer late), so
 * the candidates are a claim of the region and one of each part where an output changes,
 * each with the members and days around it (diff_try_around): the day 91 that was late and is
 * now on time, rather than a day where only the deadline moves. Then the inputs neither
 * version reads for it are left out, so that the example names what the decision rests on. */
#define DIFF_EXAMPLE_PARTS 8
static void diff_show_example(struct diff *diff, const struct compilation *old,
                              const struct compilation *new, struct diff_region *region,
                              int answers_only)
{
    const struct check_model *m = &diff->space.model;
    struct rulec_claim base = region->example;
    if (!diff_contains(diff, region, &base))
        regions_feasible(m, &region->when, &base);
    region->example = base;
    int best = diff_shows(diff, old, new, &base, answers_only);
    diff_try_around(diff, old, new, region, &base, answers_only, &best);
    for (int i = 0; i < region->noutputs; i++)
        for (int k = 0; k < region->outputs[i].nparts && k < DIFF_EXAMPLE_PARTS; k++) {
            struct rulec_claim witness;
            if (regions_feasible(m, &region->outputs[i].parts[k], &witness))
                diff_try_around(diff, old, new, region, &witness, answers_only, &best);
        }
    diff_leave_out(diff, old, new, &region->example, answers_only, -1, 0);
}

/* --- where each output's value changes --------------------------------------------------
 * Within a region both versions decide by one rule each, an output's value is a constant, a
 * date input plus days, or (computed) a comparison of such values: under each choice of the
 * members that lookups read, the claims where the two versions' values differ are a few
 * boxes of the common space, bounded on an input or on the difference of two (day 91 to 120:
 * date_demande - date_service between 91 and 120). Said as regions, they are exact. */

/* The sum of coef * x[var] over at most four common inputs, plus k. ok 0: no such sum (an
 * output not set, a variable outside the common space). */
struct diff_linear {
    int n;
    int var[4], coef[4];
    int64_t k;
    int ok;
};

static void diff_linear_add(struct diff_linear *l, int var, int coef)
{
    for (int i = 0; i < l->n; i++)
        if (l->var[i] == var) {
            l->coef[i] += coef;
            return;
        }
    if (l->n == 4) {
        l->ok = 0;
        return;
    }
    l->var[l->n] = var;
    l->coef[l->n++] = coef;
}

/* l + sign * m. */
static void diff_linear_combine(struct diff_linear *l, const struct diff_linear *m, int sign)
{
    l->ok &= m->ok;
    l->k += sign * m->k;
    for (int i = 0; i < m->n; i++)
        diff_linear_add(l, m->var[i], sign * m->coef[i]);
}

/* Variable v of one version (an input, or a derived value of inputs) as a linear sum. */
static void diff_linear_var(const struct diff_space *s, int side, int v, struct diff_linear *l)
{
    memset(l, 0, sizeof *l);
    l->ok = 1;
    int c = (side ? s->new_var : s->old_var)[v];
    if (c < 0) {
        l->ok = 0;
        return;
    }
    const struct check_var *var = &s->model.vars[c];
    if (var->is_input) {
        diff_linear_add(l, c, 1);
        return;
    }
    if (var->plus >= 0)
        diff_linear_add(l, var->plus, 1);
    if (var->minus >= 0)
        diff_linear_add(l, var->minus, -1);
    l->k = var->offset;
}

/* The members a choice gives the lookup keys: values[c] of each common key input c. */
static int32_t diff_lookup_member(const struct diff_space *s, int side, const struct rulec_assign *assign,
                                  const struct rulec_claim *choice)
{
    int c = (side ? s->new_var : s->old_var)[assign->key];
    return c < 0 ? -1 : (side ? s->to_new : s->to_old)[c][choice->values[c]];
}

/* Output o of one version under rule, for claims whose lookup keys hold choice's members: 1
 * and its value as a sum (a constant has n 0), or 0 when the rule leaves it unset. A computed
 * output: see diff_truth. */
static int diff_value(const struct diff_space *s, const struct rulec_policy *policy, int side,
                      const struct rulec_rule *rule, unsigned o, const struct rulec_claim *choice,
                      struct diff_linear *value)
{
    memset(value, 0, sizeof *value);
    value->ok = 1;
    const struct rulec_assign *assign = diff_assign(policy, rule, o);
    if (!assign)
        return 0;
    int32_t k = assign->value;
    if (assign->key >= 0) {
        int32_t member = diff_lookup_member(s, side, assign, choice);
        if (member < 0) {
            value->ok = 0;
            return 1;
        }
        k = policy->lookup_values[assign->value + member];
    }
    if (assign->kind == RULEC_ASSIGN_SHIFT)
        diff_linear_var(s, side, assign->var, value);
    value->k += k;
    return 1;
}

/* A computed output as "sum op 0" (left - right op 0). */
static void diff_truth(const struct diff_space *s, const struct rulec_policy *policy, int side,
                       const struct rulec_rule *rule, unsigned o, const struct rulec_claim *choice,
                       struct diff_linear *sum, int *op)
{
    const struct rulec_output *output = &policy->outputs[o];
    memset(sum, 0, sizeof *sum);
    sum->ok = 1;
    *op = output->op;
    const struct rulec_operand *operands[2] = { &output->left, &output->right };
    for (int i = 0; i < 2; i++) {
        struct diff_linear term;
        memset(&term, 0, sizeof term);
        term.ok = 1;
        if (operands[i]->kind == RULEC_OPERAND_VAR)
            diff_linear_var(s, side, operands[i]->value, &term);
        else if (operands[i]->kind == RULEC_OPERAND_OUTPUT)
            term.ok = diff_value(s, policy, side, rule, (unsigned)operands[i]->value, choice, &term)
                      && term.ok && !policy->outputs[operands[i]->value].computed;
        else
            term.k = operands[i]->value;
        diff_linear_combine(sum, &term, i ? -1 : 1);
    }
}

/* The common variable whose value is x[plus] - x[minus] (+ *offset: its value minus the
 * difference; *sign -1 when it is x[minus] - x[plus]): a derived value either file declares,
 * or one the common space adds, named for the reader. -1 when the space is full. */
static int diff_pair_var(struct arena *arena, struct diff_space *s, int plus, int minus,
                         int64_t *offset, int *sign)
{
    struct check_model *m = &s->model;
    for (int c = m->ninputs; c < m->nvars; c++) {
        const struct check_var *var = &m->vars[c];
        if (var->plus == plus && var->minus == minus) {
            *offset = var->offset;
            *sign = 1;
            return c;
        }
        if (var->plus == minus && var->minus == plus) {
            *offset = var->offset;
            *sign = -1;
            return c;
        }
    }
    if (m->nvars >= 2 * RULEC_MAX_VARS)
        return -1;
    int c = m->nvars;
    struct check_var *vars = arena_calloc(arena, (size_t)c + 2, sizeof *vars);
    memcpy(vars, m->vars, sizeof *vars * (size_t)c);
    struct rulec_var *shown = arena_calloc(arena, (size_t)c + 2, sizeof *shown);
    memcpy(shown, s->vars, sizeof *shown * (size_t)c);
    struct check_var *var = &vars[c];
    var->name = arena_printf(arena, "%s - %s", m->vars[plus].name, m->vars[minus].name);
    var->label = arena_printf(arena, "%s moins %s", m->vars[plus].label, m->vars[minus].label);
    var->type = RULEC_TYPE_INT;
    var->plus = plus;
    var->minus = minus;
    var->low = INT32_MIN;
    var->high = INT32_MAX;
    shown[c].name = var->name;
    shown[c].label = var->label;
    shown[c].type = RULEC_TYPE_INT;
    shown[c].low = INT32_MIN;
    shown[c].high = INT32_MAX;
    m->vars = vars;
    s->vars = shown;
    m->nvars = c + 1;
    *offset = 0;
    *sign = 1;
    return c;
}

/* Up to four ranges of one variable, ascending and disjoint. */
struct diff_ranges {
    int n;
    struct check_range r[4];
};

static void diff_ranges_add(struct diff_ranges *set, int64_t low, int64_t high)
{
    low = low < INT32_MIN ? INT32_MIN : low;
    high = high > INT32_MAX ? INT32_MAX : high;
    if (low <= high && set->n < 4)
        set->r[set->n++] = (struct check_range){ (int32_t)low, (int32_t)high };
}

static struct diff_ranges diff_ranges_complement(const struct diff_ranges *set)
{
    struct diff_ranges out = { 0, { { 0, 0 } } };
    int64_t from = INT32_MIN;
    for (int i = 0; i < set->n; i++) {
        diff_ranges_add(&out, from, (int64_t)set->r[i].low - 1);
        from = (int64_t)set->r[i].high + 1;
    }
    diff_ranges_add(&out, from, INT32_MAX);
    return out;
}

static struct diff_ranges diff_ranges_meet(const struct diff_ranges *a, const struct diff_ranges *b)
{
    struct diff_ranges out = { 0, { { 0, 0 } } };
    for (int i = 0; i < a->n; i++)
        for (int j = 0; j < b->n; j++)
            diff_ranges_add(&out, a->r[i].low > b->r[j].low ? a->r[i].low : b->r[j].low,
                            a->r[i].high < b->r[j].high ? a->r[i].high : b->r[j].high);
    return out;
}

/* "sum op 0" as a test: 1 always, 0 never, 2 the values of *var in *set, -1 when it reads
 * more than a difference of two inputs. */
static int diff_test_of(struct arena *arena, struct diff_space *s, const struct diff_linear *sum,
                        int op, int *var, struct diff_ranges *set)
{
    struct diff_linear l = *sum;
    int n = 0;
    for (int i = 0; i < l.n; i++)
        if (l.coef[i] != 0) {
            l.var[n] = l.var[i];
            l.coef[n++] = l.coef[i];
        }
    l.n = n;
    if (!l.ok)
        return -1;
    if (n == 0)
        return rulec_compare(l.k < 0 ? -1 : l.k > 0 ? 1 : 0, op, 0);
    /* Read as w * coef + k op 0, w a variable's value. */
    int coef;
    if (n == 1 && (l.coef[0] == 1 || l.coef[0] == -1)) {
        *var = l.var[0];
        coef = l.coef[0];
    } else if (n == 2 && l.coef[0] + l.coef[1] == 0 && (l.coef[0] == 1 || l.coef[0] == -1)) {
        int plus = l.coef[0] == 1 ? l.var[0] : l.var[1], minus = l.coef[0] == 1 ? l.var[1] : l.var[0];
        int64_t offset;
        int sign;
        *var = diff_pair_var(arena, s, plus, minus, &offset, &sign);
        if (*var < 0)
            return -1;
        /* x[plus] - x[minus] = sign * (w - offset). */
        coef = sign;
        l.k -= sign * offset;
    } else {
        return -1;
    }
    /* coef * w + k op 0, as w op' c. */
    int64_t c = coef > 0 ? -l.k : l.k;
    if (coef < 0)
        op = op == RULEC_OP_LT ? RULEC_OP_GT : op == RULEC_OP_GT ? RULEC_OP_LT
             : op == RULEC_OP_LE ? RULEC_OP_GE : op == RULEC_OP_GE ? RULEC_OP_LE : op;
    set->n = 0;
    switch (op) {
    case RULEC_OP_EQ: diff_ranges_add(set, c, c); break;
    case RULEC_OP_NE: diff_ranges_add(set, INT32_MIN, c - 1); diff_ranges_add(set, c + 1, INT32_MAX); break;
    case RULEC_OP_LT: diff_ranges_add(set, INT32_MIN, c - 1); break;
    case RULEC_OP_LE: diff_ranges_add(set, INT32_MIN, c); break;
    case RULEC_OP_GT: diff_ranges_add(set, c + 1, INT32_MAX); break;
    default: diff_ranges_add(set, c, INT32_MAX); break;
    }
    return 2;
}

/* The parts found so far for one output, before they are cut to the final regions. */
struct diff_found {
    struct region *parts;
    int nparts, capacity;
    int exact;
};

/* Adds the claims of base whose variables lie in the ranges given (one range of each of
 * nvars variables at a time: every combination). */
static void diff_found_add(struct arena *arena, struct diff_space *s, struct diff_found *found,
                           const struct region *base, int nvars, const int *vars,
                           const struct diff_ranges *sets)
{
    int total = 1;
    for (int i = 0; i < nvars; i++)
        total *= sets[i].n;
    for (int pick = 0; pick < total; pick++) {
        struct region_test tests[2];
        for (int i = 0, rest = pick; i < nvars; i++) {
            const struct check_range *r = &sets[i].r[rest % sets[i].n];
            rest /= sets[i].n;
            tests[i] = (struct region_test){ vars[i], 0, r->low, r->high };
        }
        struct region narrow = { 0, nvars, tests }, part;
        if (regions_intersect(arena, &s->model, base, &narrow, &part) == 0)
            regions_append(arena, &found->parts, &found->nparts, &found->capacity, &part);
    }
}

/* Where output o (old) / p (new) differs among the claims of base, for one choice of the
 * lookup keys' members. */
static void diff_locate_choice(struct arena *arena, struct diff *d, const struct compilation *old,
                               const struct compilation *new, const struct rulec_rule *ra,
                               const struct rulec_rule *rb, unsigned o, unsigned p,
                               const struct rulec_claim *choice, const struct region *base,
                               struct diff_found *found)
{
    struct diff_space *s = &d->space;
    const struct rulec_policy *a = old->policy, *b = new->policy;
    const struct rulec_output *x = &a->outputs[o], *y = &b->outputs[p];
    int var[2];
    struct diff_ranges set[2];
    if (!x->computed && !y->computed && x->type != RULEC_TYPE_DATE && x->type != RULEC_TYPE_INT) {
        /* Members, flags, booleans: constants under one choice. */
        struct diff_linear u, v;
        diff_value(s, a, 0, ra, o, choice, &u);
        diff_value(s, b, 1, rb, p, choice, &v);
        if (!u.ok || !v.ok || !diff_same_const(x, (int32_t)u.k, y, (int32_t)v.k))
            diff_found_add(arena, s, found, base, 0, var, set);
        return;
    }
    if (!x->computed && !y->computed) {
        /* A date or a number: they differ where old - new != 0. */
        struct diff_linear u, v;
        diff_value(s, a, 0, ra, o, choice, &u);
        diff_value(s, b, 1, rb, p, choice, &v);
        diff_linear_combine(&u, &v, -1);
        int test = diff_test_of(arena, s, &u, RULEC_OP_NE, &var[0], &set[0]);
        if (test < 0)
            found->exact = 0;
        if (test < 0 || test == 1)
            diff_found_add(arena, s, found, base, 0, var, set);
        else if (test == 2)
            diff_found_add(arena, s, found, base, 1, var, set);
        return;
    }
    /* Booleans, one computed at least: each version's truth, then where one holds alone. */
    int tests[2];
    for (int side = 0; side < 2; side++) {
        const struct rulec_policy *policy = side ? b : a;
        const struct rulec_rule *rule = side ? rb : ra;
        unsigned output = side ? p : o;
        struct diff_linear sum;
        int op;
        if (policy->outputs[output].computed) {
            diff_truth(s, policy, side, rule, output, choice, &sum, &op);
            tests[side] = diff_test_of(arena, s, &sum, op, &var[side], &set[side]);
        } else {
            diff_value(s, policy, side, rule, output, choice, &sum);
            tests[side] = sum.ok ? sum.k != 0 : -1;
        }
    }
    if (tests[0] < 0 || tests[1] < 0) {
        found->exact = 0;
        diff_found_add(arena, s, found, base, 0, var, set);
        return;
    }
    if (tests[0] < 2 && tests[1] < 2) {
        if (tests[0] != tests[1])
            diff_found_add(arena, s, found, base, 0, var, set);
        return;
    }
    if (tests[0] < 2 || tests[1] < 2) {
        /* A constant against a test: where the test says the other. */
        int side = tests[0] < 2 ? 1 : 0;
        struct diff_ranges where = tests[1 - side] ? diff_ranges_complement(&set[side]) : set[side];
        diff_found_add(arena, s, found, base, 1, &var[side], &where);
        return;
    }
    struct diff_ranges not_old = diff_ranges_complement(&set[0]);
    struct diff_ranges not_new = diff_ranges_complement(&set[1]);
    if (var[0] == var[1]) {
        struct diff_ranges one = diff_ranges_meet(&set[0], &not_new);
        struct diff_ranges two = diff_ranges_meet(&not_old, &set[1]);
        diff_found_add(arena, s, found, base, 1, &var[0], &one);
        diff_found_add(arena, s, found, base, 1, &var[0], &two);
        return;
    }
    struct diff_ranges first[2] = { set[0], not_new }, second[2] = { not_old, set[1] };
    diff_found_add(arena, s, found, base, 2, var, first);
    diff_found_add(arena, s, found, base, 2, var, second);
}

/* Past this many pieces, where an output changes is left as the whole region (exact 0). */
#define DIFF_PARTS_MAX 4096

static void diff_located_add(struct arena *arena, struct diff_region **list, int *count,
                             int *capacity, const struct diff_region *region)
{
    *list = arena_grow(arena, *list, *count, capacity, sizeof **list);
    (*list)[(*count)++] = *region;
}

/* Whether the claims of region all lie in the regions of list. */
static int diff_covered(struct arena *arena, const struct check_model *m, const struct region *region,
                        const struct region *list, int count)
{
    struct region *rest = NULL;
    int nrest = 0, capacity = 0;
    regions_append(arena, &rest, &nrest, &capacity, region);
    for (int i = 0; i < count && nrest; i++)
        if (regions_subtract_list(arena, m, &rest, &nrest, &list[i]) > DIFF_PARTS_MAX)
            return 0;
    return nrest == 0;
}

/* Adds to keys (at most four) the lookup key that output o's value reads under rule, as a
 * common input: its own assignment's, or a computed output's operands'. Returns the count, or
 * -1 past four. */
static int diff_output_keys(const struct diff_space *s, const struct rulec_policy *policy, int side,
                            const struct rulec_rule *rule, unsigned o, int *keys, int count)
{
    const struct rulec_output *output = &policy->outputs[o];
    unsigned read[2];
    int nread = 0;
    if (!output->computed)
        read[nread++] = o;
    else
        for (int i = 0; i < 2; i++) {
            const struct rulec_operand *operand = i ? &output->right : &output->left;
            if (operand->kind == RULEC_OPERAND_OUTPUT)
                read[nread++] = (unsigned)operand->value;
        }
    for (int i = 0; i < nread && count >= 0; i++) {
        const struct rulec_assign *assign = diff_assign(policy, rule, read[i]);
        if (!assign || assign->key < 0)
            continue;
        int c = (side ? s->new_var : s->old_var)[assign->key];
        int known = c < 0;
        for (int k = 0; k < count; k++)
            known |= keys[k] == c;
        if (known)
            continue;
        if (count == 4)
            return -1;
        keys[count++] = c;
    }
    return count;
}

/* Where output o of the old version (p of the new) changes in the region: found's parts. */
static void diff_locate_output(struct arena *arena, struct diff *d, const struct compilation *old,
                               const struct compilation *new, const struct rulec_rule *ra,
                               const struct rulec_rule *rb, unsigned o, unsigned p,
                               const struct region *when, struct diff_found *found)
{
    struct diff_space *s = &d->space;
    int keys[4], nkeys = diff_output_keys(s, old->policy, 0, ra, o, keys, 0);
    nkeys = nkeys < 0 ? -1 : diff_output_keys(s, new->policy, 1, rb, p, keys, nkeys);
    if (nkeys < 0) {               /* more tables than can be tried together */
        found->exact = 0;
        regions_append(arena, &found->parts, &found->nparts, &found->capacity, when);
        return;
    }
    /* Each choice of members the region allows its keys. */
    uint64_t allowed[4];
    long choices = 1;
    for (int k = 0; k < nkeys; k++) {
        const struct region_test *test = NULL;
        for (int i = 0; i < when->ntests; i++)
            if (when->tests[i].var == keys[k])
                test = &when->tests[i];
        allowed[k] = test ? test->members : regions_all_members(&s->model.vars[keys[k]]);
        choices *= s->model.vars[keys[k]].nmembers;
    }
    if (choices > DIFF_PARTS_MAX) {
        found->exact = 0;
        regions_append(arena, &found->parts, &found->nparts, &found->capacity, when);
        return;
    }
    for (long pick = 0; pick < choices; pick++) {
        struct rulec_claim choice;
        memset(&choice, 0, sizeof choice);
        struct region_test tests[4];
        int skip = 0;
        for (int k = 0, rest = (int)pick; k < nkeys; k++) {
            int members = s->model.vars[keys[k]].nmembers;
            choice.values[keys[k]] = rest % members;
            skip |= !(allowed[k] >> (rest % members) & 1);
            tests[k] = (struct region_test){ keys[k], (uint64_t)1 << (rest % members), 0, 0 };
            rest /= members;
        }
        struct region narrow = { 0, nkeys, tests }, base;
        if (skip || regions_intersect(arena, &s->model, when, &narrow, &base) != 0)
            continue;
        diff_locate_choice(arena, d, old, new, ra, rb, o, p, &choice, &base, found);
    }
    found->nparts = regions_merge_list(arena, &s->model, found->parts, found->nparts);
}

/* The outputs of a region whose values change, each with its parts cut to the region. */
static void diff_region_outputs(struct arena *arena, struct diff *d, struct diff_region *region,
                                const struct diff_found *found, const char *const *names, int count)
{
    const struct check_model *m = &d->space.model;
    region->outputs = arena_calloc(arena, (size_t)count + 1, sizeof *region->outputs);
    region->noutputs = 0;
    for (int i = 0; i < count; i++) {
        struct diff_output *output = &region->outputs[region->noutputs];
        output->name = names[i];
        output->exact = found[i].exact;
        int capacity = 0;
        for (int k = 0; k < found[i].nparts; k++) {
            struct region part;
            if (regions_intersect(arena, m, &found[i].parts[k], &region->when, &part) == 0)
                regions_append(arena, &output->parts, &output->nparts, &capacity, &part);
        }
        if (!output->nparts)
            continue;
        /* Not located: said as such, never as everywhere. */
        output->everywhere = output->exact
                             && diff_covered(arena, m, &region->when, output->parts, output->nparts);
        if (output->everywhere)
            output->nparts = 0;
        region->noutputs++;
    }
}

/* Cuts each region to the claims whose answer changes, and says where each output does. */
static void diff_locate(struct arena *arena, struct diff *d, const struct compilation *old,
                        const struct compilation *new, int answers_only)
{
    const struct rulec_policy *a = old->policy, *b = new->policy;
    struct diff_region *located = NULL;
    int nlocated = 0, capacity = 0;
    const char **names = arena_calloc(arena, (size_t)a->noutputs + 1, sizeof *names);
    struct diff_found *found = arena_calloc(arena, (size_t)a->noutputs + 1, sizeof *found);
    for (int r = 0; r < d->nregions; r++) {
        struct diff_region region = d->regions[r];
        uint32_t x = (uint32_t)(-(region.old_leaf + 1)), y = (uint32_t)(-(region.new_leaf + 1));
        int whole = 1;             /* every claim of the region changes */
        int count = 0;
        if (x < a->nrules && y < b->nrules) {
            const struct rulec_rule *ra = &a->rules[x], *rb = &b->rules[y];
            whole = ra->outcome != rb->outcome
                           || (!answers_only && strcmp(ra->name, rb->name) != 0);
            uint32_t set_a = rulec_rule_outputs(a, ra), set_b = rulec_rule_outputs(b, rb);
            for (unsigned o = 0; o < a->noutputs; o++) {
                int q = diff_common_output(a, o, b);
                if (q < 0)
                    continue;
                unsigned p = (unsigned)q;
                int in_a = (int)(set_a >> o & 1), in_b = (int)(set_b >> p & 1);
                if (!in_a && !in_b)
                    continue;
                memset(&found[count], 0, sizeof found[count]);
                found[count].exact = 1;
                if (in_a != in_b)
                    regions_append(arena, &found[count].parts, &found[count].nparts,
                                   &found[count].capacity, &region.when);
                else
                    diff_locate_output(arena, d, old, new, ra, rb, o, p, &region.when,
                                       &found[count]);
                if (found[count].nparts)
                    names[count++] = a->outputs[o].name;
            }
            diff_region_outputs(arena, d, &region, found, names, count);
            /* An output changed everywhere, or not located, keeps the region whole. */
            for (int i = 0; i < region.noutputs; i++)
                whole |= region.outputs[i].everywhere || !region.outputs[i].exact;
        }
        if (whole) {
            diff_located_add(arena, &located, &nlocated, &capacity, &region);
            continue;
        }
        /* Only some outputs change, on parts: the region is their union, cut into disjoint
         * boxes (each output's parts, less those already taken). */
        struct region *union_ = NULL;
        int nunion = 0, union_capacity = 0;
        for (int i = 0; i < region.noutputs; i++)
            for (int k = 0; k < region.outputs[i].nparts; k++)
                regions_add_apart(arena, &d->space.model, &union_, &nunion, &union_capacity,
                                  &region.outputs[i].parts[k]);
        nunion = regions_merge_list(arena, &d->space.model, union_, nunion);
        for (int u = 0; u < nunion; u++) {
            struct diff_region piece = region;
            piece.when = union_[u];
            piece.when.rule = 0;
            diff_region_outputs(arena, d, &piece, found, names, count);
            diff_located_add(arena, &located, &nlocated, &capacity, &piece);
        }
    }
    d->regions = located;
    d->nregions = nlocated;
}

/* Regions in a stable order: by their example claim, input by input. */
static int diff_by_example(const void *a, const void *b)
{
    const struct diff_piece *x = a, *y = b;
    for (int v = 0; v < RULEC_MAX_VARS; v++) {
        if (x->example.values[v] != y->example.values[v])
            return x->example.values[v] < y->example.values[v] ? -1 : 1;
    }
    return 0;
}

/* --- inputs that become needed, or are needed no more -------------------------------------- */

/* The common inputs some leaf of one version's tables asks for (a derived value's inputs). */
static uint64_t diff_needed_inputs(const struct diff_space *s, const struct rulec_policy *policy,
                                   int side)
{
    uint64_t needed = 0;
    uint32_t total = 0;
    for (uint32_t n = 0; n < policy->nnodes; n++)
        if (policy->nodes[n].first_child + policy->nodes[n].nchildren > total)
            total = policy->nodes[n].first_child + policy->nodes[n].nchildren;
    for (uint32_t i = 0; i <= total; i++) {
        int32_t child = i < total ? rulec_child(policy, i) : policy->root;
        uint32_t leaf = child < 0 ? (uint32_t)(-(child + 1)) : 0;
        if (child >= 0 || leaf < policy->nrules || leaf >= policy->nrules + policy->nvars)
            continue;
        int c = (side ? s->new_var : s->old_var)[leaf - policy->nrules];
        if (c < 0)
            continue;
        const struct check_var *var = &s->model.vars[c];
        if (var->is_input)
            needed |= (uint64_t)1 << c;
        if (!var->is_input && var->plus >= 0)
            needed |= (uint64_t)1 << var->plus;
        if (!var->is_input && var->minus >= 0)
            needed |= (uint64_t)1 << var->minus;
    }
    /* And what an answer reads: a lookup's key, a date shifted, a computed output's operand. */
    for (uint32_t r = 0; r < policy->nrules; r++)
        for (int c = 0; c < s->model.ninputs; c++)
            if (!(needed >> c & 1) && diff_leaf_needs(s, policy, side, -(int32_t)r - 1, c) == 1)
                needed |= (uint64_t)1 << c;
    return needed;
}

/* Of the claim lacking input (common) absent: 1 when the new version needs it and the old
 * decides without it, 2 the reverse, 0 otherwise; the same test as diff_need_change, by
 * deciding. */
static int diff_need_of(const struct diff *d, const struct compilation *old,
                        const struct compilation *new, const struct rulec_claim *common, int absent)
{
    struct rulec_claim x, y;
    struct rulec_result r, t;
    diff_claim_for(d, common, 0, &x);
    diff_claim_for(d, common, 1, &y);
    enum rulec_status p = rulec_decide(old->policy, &x, &r), q = rulec_decide(new->policy, &y, &t);
    if (p == RULEC_OK && q == RULEC_MISSING && t.input >= 0 && d->space.new_var[t.input] == absent)
        return 1;
    if (q == RULEC_OK && p == RULEC_MISSING && r.input >= 0 && d->space.old_var[r.input] == absent)
        return 2;
    return 0;
}

/* For each common input some version may ask for: the claims lacking it (and giving every
 * other) whose need of it changes, walked within the changed regions less that input (were
 * only one version's answer to depend on the input, some complete claim's answer, or its
 * deciding rule, would change). */
static void diff_needs(struct diff_walk *w)
{
    struct diff *d = w->diff;
    struct arena *arena = w->arena;
    const struct check_model *m = &d->space.model;
    uint64_t candidates = diff_needed_inputs(&d->space, w->old->policy, 0)
                          | diff_needed_inputs(&d->space, w->new->policy, 1);
    struct diff_need *needs = NULL;
    int nneeds = 0, capacity = 0;
    for (int x = 0; x < m->ninputs; x++) {
        if (!(candidates >> x & 1))
            continue;
        /* Where the versions accept other values of x (a range, members), a claim lacking it
         * may be decided by one and not the other with no complete claim of the common space
         * changing: every claim is walked, as with answers_only. */
        const struct check_var *was = &w->old->model->vars[d->space.old_input[x]];
        const struct check_var *is = &w->new->model->vars[d->space.new_input[x]];
        int everywhere = w->answers_only || was->low != is->low || was->high != is->high
                         || was->nmembers != m->vars[x].nmembers
                         || is->nmembers != m->vars[x].nmembers;
        /* The changed regions without x (and what reads it), made disjoint. With
         * answers_only, a change of the deciding rule alone is no changed region, yet may make
         * an input needed (two rules with one answer, told apart by it): every claim is
         * walked. */
        struct region *boxes = NULL;
        int nboxes = 0, boxes_capacity = 0;
        if (everywhere) {
            struct region every_claim = { 0, 0, NULL };
            regions_append(arena, &boxes, &nboxes, &boxes_capacity, &every_claim);
        }
        for (int r = 0; r < d->nregions && nboxes <= DIFF_PARTS_MAX && !everywhere; r++) {
            const struct region *when = &d->regions[r].when;
            /* Only where a version's answer may depend on x: the region tests x (a diagram
             * split on it), or a rule reads it for its answer. Elsewhere both leaves hold for
             * every value of x, and a claim lacking it is decided alike. */
            int depends = diff_leaf_needs(&d->space, w->old->policy, 0, d->regions[r].old_leaf, x) == 1
                          || diff_leaf_needs(&d->space, w->new->policy, 1, d->regions[r].new_leaf, x) == 1;
            for (int t = 0; t < when->ntests && !depends; t++)
                depends = diff_reads(m, when->tests[t].var, x);
            if (!depends)
                continue;
            struct region box = { 0, 0, arena_alloc(arena, sizeof *box.tests * (size_t)(when->ntests + 1)) };
            for (int t = 0; t < when->ntests; t++)
                if (!diff_reads(m, when->tests[t].var, x))
                    box.tests[box.ntests++] = when->tests[t];
            regions_add_apart(arena, m, &boxes, &nboxes, &boxes_capacity, &box);
        }
        if (nboxes > DIFF_PARTS_MAX) {     /* too many pieces: every claim, at once */
            boxes[0] = (struct region){ 0, 0, NULL };
            nboxes = 1;
        }
        /* Each walked, from the bounds the box gives, with a budget of its own: past it, the
         * input is left out and said so (diff->needs_skipped), the rest of the diff stands. */
        w->absent = x;
        w->npieces = 0;
        w->budget = DIFF_BUDGET;
        w->failed = 0;
        for (int b = 0; b < nboxes && !w->failed; b++) {
            for (int c = 0; c < m->nvars; c++) {
                w->mask[c] = regions_all_members(&m->vars[c]);
                w->low[c] = INT32_MIN;
                w->high[c] = INT32_MAX;
            }
            int depth = 0, feasible = 1;
            for (int t = 0; t < boxes[b].ntests && feasible; t++) {
                const struct region_test *test = &boxes[b].tests[t];
                if (regions_nominal(&m->vars[test->var])) {
                    w->mask[test->var] = test->members;
                    continue;
                }
                w->low[test->var] = test->low;
                w->high[test->var] = test->high;
                feasible = analyse_path_push_range(w->path, depth++, test->var, test->low, test->high) == 0;
            }
            if (feasible)
                diff_walk_tables(w, 0, w->old->policy->root, depth);
        }
        if (w->failed)
            d->needs_skipped++;
        if (w->failed || !w->npieces)
            continue;
        /* Said as regions over the other variables, merged, each with a claim that lacks x. */
        struct diff found = *d;
        diff_regions(arena, &found, w->pieces, w->npieces);
        diff_merge(arena, &found);
        for (int r = 0; r < found.nregions; r++) {
            struct diff_need need;
            memset(&need, 0, sizeof need);
            need.input = x;
            need.when = found.regions[r].when;
            need.old_leaf = found.regions[r].old_leaf;
            need.new_leaf = found.regions[r].new_leaf;
            if (!regions_feasible(m, &need.when, &need.example))
                continue;
            need.example.present &= ~((uint64_t)1 << x);
            need.needed = diff_need_of(d, w->old, w->new, &need.example, x) == 1;
            /* Without what neither version reads there. */
            diff_leave_out(d, w->old, w->new, &need.example, 1, x, 2 - need.needed);
            needs = arena_grow(arena, needs, nneeds, &capacity, sizeof *needs);
            needs[nneeds++] = need;
        }
    }
    w->absent = -1;
    w->failed = 0;
    d->needs = needs;
    d->nneeds = nneeds;
}

int diff_build(struct arena *arena, const struct compilation *old, const struct compilation *new,
               int answers_only, struct diff *diff)
{
    memset(diff, 0, sizeof *diff);
    struct diff_walk w;
    memset(&w, 0, sizeof w);
    jmp_buf out_of_memory;
    jmp_buf *saved = arena_guard(&out_of_memory);
    if (setjmp(out_of_memory)) {
        arena_guard(saved);
        analyse_path_free(w.path);
        free(w.pieces);
        return -1;
    }
    diff_space_build(arena, &diff->space, old->model, new->model);
    diff_vocabulary(arena, old, new, diff);
    if (!answers_only)
        diff_texts(arena, old, new, diff);
    const struct check_model *m = &diff->space.model;
    w.arena = arena;
    w.old = old;
    w.new = new;
    w.diff = diff;
    w.answers_only = answers_only;
    w.budget = DIFF_BUDGET;
    w.absent = -1;
    /* Deep enough for both tables' paths after a box's tests (diff_needs). */
    w.path = analyse_path_new_depth(m, old->model->nvars + new->model->nvars + m->nvars + 2);
    w.mask = arena_alloc(arena, sizeof *w.mask * (size_t)(m->nvars + 1));
    w.low = arena_alloc(arena, sizeof *w.low * (size_t)(m->nvars + 1));
    w.high = arena_alloc(arena, sizeof *w.high * (size_t)(m->nvars + 1));
    for (int c = 0; c < m->nvars; c++) {
        const struct check_var *var = &m->vars[c];
        w.mask[c] = regions_all_members(var);
        w.low[c] = INT32_MIN;
        w.high[c] = INT32_MAX;
    }
    diff_walk_tables(&w, 0, old->policy->root, 0);
    int status = w.failed ? -1 : 0;
    if (!w.failed) {
        int count = w.npieces;
        if (count > 1)         /* pieces is NULL when nothing changes */
            qsort(w.pieces, (size_t)count, sizeof *w.pieces, diff_by_example);
        diff_regions(arena, diff, w.pieces, count);
        diff_merge(arena, diff);
        diff_needs(&w);
        diff_locate(arena, diff, old, new, answers_only);
        for (int i = 0; i < diff->nregions; i++)
            diff_show_example(diff, old, new, &diff->regions[i], answers_only);
    }
    analyse_path_free(w.path);
    free(w.pieces);
    arena_guard(saved);
    return status;
}

void diff_claim_for(const struct diff *diff, const struct rulec_claim *common, int new_side,
                    struct rulec_claim *claim)
{
    const struct diff_space *s = &diff->space;
    memset(claim, 0, sizeof *claim);
    for (int c = 0; c < s->model.ninputs; c++) {
        if (!(common->present >> c & 1))
            continue;
        int v = new_side ? s->new_input[c] : s->old_input[c];
        int32_t value = common->values[c];
        if (s->model.vars[c].type == RULEC_TYPE_ENUM)
            value = (new_side ? s->to_new : s->to_old)[c][value];
        claim->values[v] = value;
        claim->present |= (uint64_t)1 << v;
    }
}

int diff_contains(const struct diff *diff, const struct diff_region *region,
                  const struct rulec_claim *common)
{
    const struct check_model *m = &diff->space.model;
    for (int i = 0; i < region->when.ntests; i++) {
        const struct region_test *test = &region->when.tests[i];
        const struct check_var *var = &m->vars[test->var];
        int32_t value = var->is_input ? common->values[test->var]
            : rulec_derive(var->offset, var->plus >= 0 ? common->values[var->plus] : 0,
                           var->minus >= 0 ? common->values[var->minus] : 0);
        if (regions_nominal(var) ? !(test->members >> value & 1)
                                    : value < test->low || value > test->high)
            return 0;
    }
    return 1;
}
