/* src/runtime/why_not.c — why not another answer: the smallest change to a claim that gives
 * it a wanted answer, found on the decision tables, exactly, without trying values. Allocates
 * nothing, like the rest of the runtime. Part of rulec; see README.md for the licence.
 *
 * Each path of the decision diagram from the root to a rule is a box: a set of members for
 * each enumeration or boolean it tests, an interval for each date, integer or derived value.
 * A derived value is plus - minus + offset, so its interval is a difference constraint between
 * two inputs; what a wanted deadline or computed output asks of the rule's answer is one too.
 * On a path to a rule that gives the wanted answer, the inputs that must change are those
 * whose own tests the claim fails, and those it lacks that the path gives a value (an absent
 * input may instead stay absent, down the node's "absent" child, as rulec_decide goes); where the
 * differences still cannot hold with the other inputs as they are, the fewest more are added,
 * by count, smallest first. A system of difference constraints holds exactly when its graph
 * has no negative cycle (Bellman-Ford), and its tightest bounds give each changed input the
 * value nearest to the claim's. The best path wins: fewest inputs changed, then the smallest
 * distance (days or units moved), then the most room (rulec.h); then the first in the tables'
 * order. Last, each changed input's allowed values are widened over every path, the others
 * held (wn_widen_input). */
#include <rulec/rulec.h>

#include <string.h>

/* low <= x[plus] - x[minus] <= high; a term of -1 is 0; WN_NONE_LOW / WN_NONE_HIGH: no bound. */
struct wn_constraint {
    int8_t plus, minus;
    int64_t low, high;
};

#define WN_NONE_LOW INT64_MIN
#define WN_NONE_HIGH INT64_MAX
#define WN_INFINITY (INT64_MAX / 4)
/* Path tests, a rule's shifts and computed outputs, and the wanted answer's own. */
#define WN_MAX_CONSTRAINTS (RULEC_MAX_VARS + 2 * RULEC_MAX_OUTPUTS + 8)
#define WN_MAX_ALTERNATIVES 4
/* Solver runs before the search gives up its proof of the smallest change. */
#define WN_BUDGET 200000L

/* One way for a rule's answer to be the wanted one: what it asks, beyond the path. */
struct wn_alternative {
    int nconstraints;
    struct wn_constraint constraints[8];
};

/* A linear form over inputs: sum of coef[i] * x[var[i]] + offset; ok 0: not one. */
struct wn_linear {
    int nterms;
    int8_t var[4], coef[4];
    int64_t offset;
    int ok;
};

struct wn_search {
    const struct rulec_policy *policy;
    const struct rulec_claim *claim;
    const struct rulec_want *want;
    uint64_t nominal;                        /* inputs that are enumerations or booleans */
    uint64_t members[RULEC_MAX_VARS];           /* per nominal input: the members the path allows */
    struct wn_constraint constraints[WN_MAX_CONSTRAINTS];
    int nconstraints;                        /* the path's, then the leaf's */
    long budget;
    int inexact;                             /* a path or a rule could not be weighed */
    int found;
    uint64_t kept;                           /* at a leaf: the absent inputs its path keeps so */
    struct rulec_change *best;
    int64_t values[RULEC_MAX_VARS];             /* one solve's values */
};

/* The values a claim may give an input: an integer's declared range (INT32_MIN, INT32_MAX
 * when none), so that no change offered is a claim refused. */
static int64_t wn_domain_low(const struct rulec_var *var)
{
    return var->type == RULEC_TYPE_DATE ? RULEC_DAYS_MIN
           : var->type == RULEC_TYPE_INT ? (var->bounded ? var->low : INT32_MIN) : 0;
}

static int64_t wn_domain_high(const struct rulec_var *var)
{
    return var->type == RULEC_TYPE_DATE ? RULEC_DAYS_MAX
           : var->type == RULEC_TYPE_INT ? (var->bounded ? var->high : INT32_MAX)
           : var->type == RULEC_TYPE_BOOL ? 1 : (int64_t)var->nmembers - 1;
}

/* A changed input's allowed values, as struct rulec_change gives them: the ends of a date's or an
 * unbounded integer's domain are no bound (INT32_MIN, INT32_MAX); a bounded integer's are its
 * declared ends, which a clerk reads (from 0 to 2). */
static void wn_allowed(const struct rulec_var *var, int64_t low, int64_t high, struct rulec_range *range)
{
    int bounded = var->type == RULEC_TYPE_INT && var->bounded;
    range->low = low <= wn_domain_low(var) ? (bounded ? var->low : INT32_MIN) : (int32_t)low;
    range->high = high >= wn_domain_high(var) ? (bounded ? var->high : INT32_MAX) : (int32_t)high;
}

static uint64_t wn_all_members(const struct rulec_var *var)
{
    unsigned count = var->type == RULEC_TYPE_BOOL ? 2u : var->nmembers;
    return count >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << count) - 1;
}

static int64_t wn_add(int64_t bound, int64_t delta)
{
    return bound == WN_NONE_LOW || bound == WN_NONE_HIGH ? bound : bound + delta;
}

/* The constraint that variable var's value lies in [low, high] (INT32_MIN, INT32_MAX: open). */
static struct wn_constraint wn_var_constraint(const struct rulec_policy *policy, unsigned var,
                                              int32_t low, int32_t high)
{
    const struct rulec_var *v = &policy->vars[var];
    int64_t lo = low == INT32_MIN ? WN_NONE_LOW : low, hi = high == INT32_MAX ? WN_NONE_HIGH : high;
    struct wn_constraint c;
    if (v->is_input) {
        c.plus = (int8_t)var;
        c.minus = -1;
        c.low = lo;
        c.high = hi;
    } else if (v->plus >= 0) {
        c.plus = v->plus;
        c.minus = v->minus;
        c.low = wn_add(lo, -(int64_t)v->offset);
        c.high = wn_add(hi, -(int64_t)v->offset);
    } else {
        /* offset - x[minus] in [lo, hi]: x[minus] in [offset - hi, offset - lo]. */
        c.plus = v->minus;
        c.minus = -1;
        c.low = hi == WN_NONE_HIGH ? WN_NONE_LOW : v->offset - hi;
        c.high = lo == WN_NONE_LOW ? WN_NONE_HIGH : v->offset - lo;
    }
    return c;
}

/* --- what a rule's answer asks ------------------------------------------------------------ */

static void wn_term(struct wn_linear *l, int var, int coef)
{
    if (var < 0 || coef == 0)
        return;
    for (int i = 0; i < l->nterms; i++)
        if (l->var[i] == var) {
            l->coef[i] = (int8_t)(l->coef[i] + coef);
            return;
        }
    if (l->nterms == 4) {
        l->ok = 0;
        return;
    }
    l->var[l->nterms] = (int8_t)var;
    l->coef[l->nterms++] = (int8_t)coef;
}

/* Variable var (an input or a derived value) as a linear form, times sign, added to l. */
static void wn_add_var(const struct rulec_policy *policy, struct wn_linear *l, int var, int sign)
{
    const struct rulec_var *v = &policy->vars[var];
    if (v->is_input) {
        wn_term(l, var, sign);
        return;
    }
    wn_term(l, v->plus, sign);
    wn_term(l, v->minus, -sign);
    l->offset += sign * (int64_t)v->offset;
}

/* The assign of output o in rule r, or NULL. */
static const struct rulec_assign *wn_assign(const struct rulec_policy *policy, const struct rulec_rule *rule,
                                            unsigned o)
{
    for (unsigned i = 0; i < rule->nassigns; i++)
        if (policy->assigns[rule->first_assign + i].output == o)
            return &policy->assigns[rule->first_assign + i];
    return NULL;
}

/* What an assignment gives the claim: its value, or for a value that depends on an
 * enumeration (a lookup), the value for the claim's member (the first when it has none; the
 * search weighs such a rule only where the key holds the claim's member: wn_lookup_held). */
static int32_t wn_assign_value(const struct rulec_policy *policy, const struct rulec_claim *claim,
                               const struct rulec_assign *assign)
{
    if (assign->key < 0)
        return assign->value;
    uint32_t member = claim->present >> assign->key & 1 ? (uint32_t)claim->values[assign->key] : 0;
    if (member >= policy->vars[assign->key].nmembers)
        member = 0;
    uint32_t at = (uint32_t)assign->value + member;
    return at < policy->nlookup_values ? policy->lookup_values[at] : 0;
}

/* Whether rule's lookups read the claim's own member, which the path (members per nominal
 * input, NULL: any) keeps: then the rule's answer is what wn_assign_value says whatever else
 * changes, since the key changes only where the path's test on it fails. */
static int wn_lookup_held(const struct rulec_policy *policy, const struct rulec_claim *claim,
                          const struct rulec_rule *rule, const uint64_t *members)
{
    for (unsigned i = 0; i < rule->nassigns; i++) {
        const struct rulec_assign *assign = &policy->assigns[rule->first_assign + i];
        if (assign->key < 0)
            continue;
        if (!(claim->present >> assign->key & 1)
            || (uint32_t)claim->values[assign->key] >= policy->vars[assign->key].nmembers)
            return 0;
        if (members && !(members[assign->key] >> claim->values[assign->key] & 1))
            return 0;
    }
    return 1;
}

/* An operand of a computed output under rule, times sign, added to l; ok 0 when it is a
 * computed output itself (a boolean, not a linear form) or an output the rule leaves unset. */
static void wn_add_operand(const struct rulec_policy *policy, const struct rulec_claim *claim,
                           const struct rulec_rule *rule, struct wn_linear *l, const struct rulec_operand *operand, int sign)
{
    switch (operand->kind) {
    case RULEC_OPERAND_VAR:
        wn_add_var(policy, l, operand->value, sign);
        return;
    case RULEC_OPERAND_CONST:
        l->offset += sign * (int64_t)operand->value;
        return;
    default: {
        const struct rulec_assign *assign = wn_assign(policy, rule, (unsigned)operand->value);
        if (!assign) {
            l->ok = 0;
            return;
        }
        l->offset += sign * (int64_t)wn_assign_value(policy, claim, assign);
        if (assign->kind == RULEC_ASSIGN_SHIFT)
            wn_add_var(policy, l, assign->var, sign);
        return;
    }
    }
}

/* l in [low, high] as a difference constraint, into alternative a. Returns 1 when added, 0
 * when it always holds, -1 when it never does, -2 when it is no difference constraint. */
static int wn_linear_constraint(const struct wn_linear *l, int64_t low, int64_t high,
                                struct wn_alternative *a)
{
    int plus = -1, minus = -1, n = 0;
    for (int i = 0; i < l->nterms; i++) {
        if (l->coef[i] == 0)
            continue;
        n++;
        if (l->coef[i] == 1 && plus < 0)
            plus = l->var[i];
        else if (l->coef[i] == -1 && minus < 0)
            minus = l->var[i];
        else
            return -2;
    }
    if (n == 0) {
        int holds = (low == WN_NONE_LOW || l->offset >= low)
                    && (high == WN_NONE_HIGH || l->offset <= high);
        return holds ? 0 : -1;
    }
    struct wn_constraint *c = &a->constraints[a->nconstraints++];
    if (plus < 0) {
        /* offset - x[minus] in [low, high]. */
        c->plus = (int8_t)minus;
        c->minus = -1;
        c->low = high == WN_NONE_HIGH ? WN_NONE_LOW : l->offset - high;
        c->high = low == WN_NONE_LOW ? WN_NONE_HIGH : l->offset - low;
    } else {
        c->plus = (int8_t)plus;
        c->minus = (int8_t)minus;
        c->low = wn_add(low, -l->offset);
        c->high = wn_add(high, -l->offset);
    }
    return 1;
}

/* What computed output o must ask for its value to be wanted (0 or 1) under rule: up to
 * WN_MAX_ALTERNATIVES ways, appended to alternatives[*count]. Returns 0, or -1 when it cannot
 * be said as difference constraints (the caller then does not weigh the rule). depth bounds
 * the computed outputs read through one another. */
static int wn_computed(const struct rulec_policy *policy, const struct rulec_claim *claim,
                       const struct rulec_rule *rule, unsigned o,
                       int wanted, struct wn_alternative *alternatives, int *count, int depth)
{
    const struct rulec_output *output = &policy->outputs[o];
    struct wn_linear l;
    memset(&l, 0, sizeof l);
    l.ok = 1;
    const struct rulec_operand *left = &output->left, *right = &output->right;
    /* A computed output compared with a constant: its own value decides. */
    for (int side = 0; side < 2; side++) {
        const struct rulec_operand *x = side ? right : left, *y = side ? left : right;
        if (x->kind != RULEC_OPERAND_OUTPUT || !policy->outputs[x->value].computed)
            continue;
        if (y->kind != RULEC_OPERAND_CONST || depth > 4)
            return -1;
        for (int value = 0; value <= 1; value++) {
            int result = side ? rulec_compare(y->value, output->op, value)
                              : rulec_compare(value, output->op, y->value);
            if (result == wanted
                && wn_computed(policy, claim, rule, (unsigned)x->value, value, alternatives, count,
                               depth + 1) != 0)
                return -1;
        }
        return 0;
    }
    wn_add_operand(policy, claim, rule, &l, left, 1);
    wn_add_operand(policy, claim, rule, &l, right, -1);
    if (!l.ok)
        return -1;
    /* left - right against 0, as the operator and the wanted truth say. */
    int op = output->op;
    if (!wanted)
        op = op == RULEC_OP_EQ ? RULEC_OP_NE : op == RULEC_OP_NE ? RULEC_OP_EQ : op == RULEC_OP_LT ? RULEC_OP_GE
             : op == RULEC_OP_LE ? RULEC_OP_GT : op == RULEC_OP_GT ? RULEC_OP_LE : RULEC_OP_LT;
    int64_t lows[2], highs[2];
    int ways = 1;
    switch (op) {
    case RULEC_OP_EQ: lows[0] = 0; highs[0] = 0; break;
    case RULEC_OP_NE: lows[0] = WN_NONE_LOW; highs[0] = -1; lows[1] = 1; highs[1] = WN_NONE_HIGH;
                   ways = 2; break;
    case RULEC_OP_LT: lows[0] = WN_NONE_LOW; highs[0] = -1; break;
    case RULEC_OP_LE: lows[0] = WN_NONE_LOW; highs[0] = 0; break;
    case RULEC_OP_GT: lows[0] = 1; highs[0] = WN_NONE_HIGH; break;
    default: lows[0] = 0; highs[0] = WN_NONE_HIGH; break;
    }
    for (int w = 0; w < ways; w++) {
        if (*count == WN_MAX_ALTERNATIVES)
            return -1;
        struct wn_alternative *a = &alternatives[*count];
        a->nconstraints = 0;
        int added = wn_linear_constraint(&l, lows[w], highs[w], a);
        if (added == -2)
            return -1;
        if (added >= 0)
            (*count)++;
    }
    return 0;
}

/* Whether an output's value is the one wanted: equal, or for a set, holding every member
 * wanted (the answer may hold others). */
static int wn_value_wanted(const struct rulec_output *output, int32_t value, int32_t wanted)
{
    if (output->type == RULEC_TYPE_SET)
        return ((uint32_t)value & (uint32_t)wanted) == (uint32_t)wanted;
    return value == wanted;
}

/* The ways for rule r's answer to be the wanted one, each with what it asks: *count 0 when it
 * never is. Returns -1 when the rule cannot be weighed. */
static int wn_rule_wanted(const struct rulec_policy *policy, const struct rulec_claim *claim,
                          uint32_t r, const struct rulec_want *want,
                          struct wn_alternative *alternatives, int *count)
{
    const struct rulec_rule *rule = &policy->rules[r];
    *count = 0;
    switch (want->kind) {
    case RULEC_WANT_OUTCOME:
        if (rule->outcome == want->value)
            alternatives[(*count)++].nconstraints = 0;
        return 0;
    case RULEC_WANT_RULE:
        if (r == (uint32_t)want->value)
            alternatives[(*count)++].nconstraints = 0;
        return 0;
    default:
        break;
    }
    if (rule->outcome != RULEC_OUTCOME_DECIDED || want->output >= policy->noutputs
        || !(rulec_rule_outputs(policy, rule) >> want->output & 1))
        return 0;
    const struct rulec_output *output = &policy->outputs[want->output];
    if (output->computed)
        return wn_computed(policy, claim, rule, want->output, want->value != 0, alternatives,
                           count, 0);
    const struct rulec_assign *assign = wn_assign(policy, rule, want->output);
    if (assign->kind == RULEC_ASSIGN_CONST) {
        if (wn_value_wanted(output, wn_assign_value(policy, claim, assign), want->value))
            alternatives[(*count)++].nconstraints = 0;
        return 0;
    }
    /* A deadline: its date plus the shift is the wanted date. */
    struct wn_linear l;
    memset(&l, 0, sizeof l);
    l.ok = 1;
    wn_add_var(policy, &l, assign->var, 1);
    l.offset += wn_assign_value(policy, claim, assign);
    struct wn_alternative *a = &alternatives[0];
    a->nconstraints = 0;
    if (wn_linear_constraint(&l, want->value, want->value, a) >= 0)
        *count = 1;
    return 0;
}

/* What the rule's answer needs whatever is wanted: each shifted date lands in the years 1000 to
 * 9999, and every input its answer reads is given. Appended to the search's constraints.
 * Returns -1 when that cannot be said (the rule is not weighed). */
static int wn_rule_needs(const struct rulec_policy *policy, const struct rulec_claim *claim,
                         uint32_t r, struct wn_constraint *out,
                         int *n, int max)
{
    const struct rulec_rule *rule = &policy->rules[r];
    for (unsigned i = 0; i < rule->nassigns; i++) {
        const struct rulec_assign *assign = &policy->assigns[rule->first_assign + i];
        if (assign->kind != RULEC_ASSIGN_SHIFT)
            continue;
        struct wn_linear l;
        memset(&l, 0, sizeof l);
        l.ok = 1;
        wn_add_var(policy, &l, assign->var, 1);
        l.offset += wn_assign_value(policy, claim, assign);
        struct wn_alternative a;
        a.nconstraints = 0;
        if (*n == max || wn_linear_constraint(&l, RULEC_DAYS_MIN, RULEC_DAYS_MAX, &a) < 0)
            return -1;
        if (a.nconstraints)
            out[(*n)++] = a.constraints[0];
    }
    /* Inputs read by computed outputs must be given: each with its whole domain. */
    uint32_t set = rulec_rule_outputs(policy, rule);
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rulec_output *output = &policy->outputs[o];
        if (!output->computed || !(set >> o & 1))
            continue;
        for (int side = 0; side < 2; side++) {
            const struct rulec_operand *operand = side ? &output->right : &output->left;
            if (operand->kind != RULEC_OPERAND_VAR)
                continue;
            const struct rulec_var *var = &policy->vars[operand->value];
            int inputs[2] = { var->is_input ? operand->value : var->plus,
                              var->is_input ? -1 : var->minus };
            for (int k = 0; k < 2; k++) {
                if (inputs[k] < 0 || *n == max)
                    continue;
                const struct rulec_var *input = &policy->vars[inputs[k]];
                struct wn_constraint *c = &out[(*n)++];
                c->plus = (int8_t)inputs[k];
                c->minus = -1;
                c->low = wn_domain_low(input);
                c->high = wn_domain_high(input);
            }
        }
    }
    return 0;
}

/* --- one system of difference constraints --------------------------------------------------- */

/* An edge x[to] - x[from] <= weight; node 0 is the constant 0, node i + 1 input i. */
struct wn_edge {
    uint8_t from, to;
    int64_t weight;
};

#define WN_MAX_EDGES (2 * WN_MAX_CONSTRAINTS + 4 * RULEC_MAX_VARS)

struct wn_graph {
    int nedges;
    struct wn_edge edges[WN_MAX_EDGES];
};

static void wn_edge(struct wn_graph *g, int from, int to, int64_t weight)
{
    if (g->nedges < WN_MAX_EDGES)
        g->edges[g->nedges++] = (struct wn_edge){ (uint8_t)from, (uint8_t)to, weight };
}

/* Shortest distances from node 0 (reverse: to node 0) over nodes 0 .. RULEC_MAX_VARS. Returns 0,
 * or -1 on a negative cycle: the constraints cannot all hold. */
static int wn_bellman_ford(const struct wn_graph *g, int reverse, int64_t *dist)
{
    for (int i = 0; i <= RULEC_MAX_VARS; i++)
        dist[i] = WN_INFINITY;
    dist[0] = 0;
    for (int round = 0; round <= RULEC_MAX_VARS + 1; round++) {
        int changed = 0;
        for (int e = 0; e < g->nedges; e++) {
            int from = reverse ? g->edges[e].to : g->edges[e].from;
            int to = reverse ? g->edges[e].from : g->edges[e].to;
            if (dist[from] >= WN_INFINITY)
                continue;
            int64_t through = dist[from] + g->edges[e].weight;
            if (through < dist[to]) {
                dist[to] = through;
                changed = 1;
            }
        }
        if (!changed)
            return 0;
    }
    return -1;
}

/* The graph of the search's constraints, every ordered input of unknown free in its domain
 * and the others at their values in s->values. Returns -1 when a constraint between
 * fixed inputs fails. */
static int wn_graph_build(const struct wn_search *s, uint64_t unknown, struct wn_graph *g)
{
    const struct rulec_policy *policy = s->policy;
    g->nedges = 0;
    for (unsigned v = 0; v < policy->ninputs; v++) {
        if (!(unknown >> v & 1) || (s->nominal >> v & 1))
            continue;
        wn_edge(g, 0, (int)v + 1, wn_domain_high(&policy->vars[v]));
        wn_edge(g, (int)v + 1, 0, -wn_domain_low(&policy->vars[v]));
    }
    for (int i = 0; i < s->nconstraints; i++) {
        const struct wn_constraint *c = &s->constraints[i];
        int np = 0, nm = 0;
        int64_t cp = 0, cm = 0;
        if (c->plus >= 0) {
            if (unknown >> c->plus & 1)
                np = c->plus + 1;
            else
                cp = s->values[c->plus];
        }
        if (c->minus >= 0) {
            if (unknown >> c->minus & 1)
                nm = c->minus + 1;
            else
                cm = s->values[c->minus];
        }
        /* low <= x[np] - x[nm] + (cp - cm) <= high. */
        if (np == 0 && nm == 0) {
            int64_t d = cp - cm;
            if ((c->low != WN_NONE_LOW && d < c->low) || (c->high != WN_NONE_HIGH && d > c->high))
                return -1;
            continue;
        }
        if (c->high != WN_NONE_HIGH)
            wn_edge(g, nm, np, c->high - cp + cm);
        if (c->low != WN_NONE_LOW)
            wn_edge(g, np, nm, -(c->low - cp + cm));
    }
    return 0;
}

/* Solves the search's constraints with the inputs of changed free and the others as the claim
 * has them; nominal inputs of changed take the first member the path allows. On success fills
 * s->values for every input the constraints read, and *distance; returns 0, else -1. */
static int wn_solve(struct wn_search *s, uint64_t changed, uint64_t *distance)
{
    const struct rulec_policy *policy = s->policy;
    const struct rulec_claim *claim = s->claim;
    if (--s->budget < 0)
        return -1;
    *distance = 0;
    for (unsigned v = 0; v < policy->ninputs; v++) {
        s->values[v] = claim->values[v];
        if (!(changed >> v & 1) || !(s->nominal >> v & 1))
            continue;
        uint64_t allowed = s->members[v];
        if (!allowed)
            return -1;
        unsigned m = 0;
        while (!(allowed >> m & 1))
            m++;
        s->values[v] = m;
    }
    uint64_t unknown = changed & ~s->nominal;
    struct wn_graph g;
    int64_t up[RULEC_MAX_VARS + 1], down[RULEC_MAX_VARS + 1];
    /* One input at a time, in order: its tightest bounds given what is fixed so far, then the
     * value nearest the claim's. */
    for (unsigned v = 0; v < policy->ninputs; v++) {
        if (!(unknown >> v & 1))
            continue;
        if (wn_graph_build(s, unknown, &g) != 0 || wn_bellman_ford(&g, 0, up) != 0
            || wn_bellman_ford(&g, 1, down) != 0)
            return -1;
        int64_t high = up[v + 1], low = -down[v + 1];
        if (low > high)
            return -1;
        int64_t value;
        if (claim->present >> v & 1) {
            int64_t current = claim->values[v];
            value = current < low ? low : current > high ? high : current;
            *distance += (uint64_t)(value > current ? value - current : current - value);
        } else {
            const struct rulec_var *var = &policy->vars[v];
            value = low > wn_domain_low(var) ? low : high < wn_domain_high(var) ? high
                    : 0 < low ? low : 0 > high ? high : 0;
        }
        s->values[v] = value;
        unknown &= ~((uint64_t)1 << v);
    }
    if (wn_graph_build(s, 0, &g) != 0)
        return -1;
    return 0;
}

/* How many bits are set: a loop, not a compiler's builtin, for any C99 compiler. */
static int wn_count(uint64_t bits)
{
    int count = 0;
    for (; bits; bits &= bits - 1)
        count++;
    return count;
}

/* The inputs a constraint reads. */
static uint64_t wn_reads(const struct wn_constraint *c)
{
    return (c->plus >= 0 ? (uint64_t)1 << c->plus : 0) | (c->minus >= 0 ? (uint64_t)1 << c->minus : 0);
}

/* How much room a change leaves: the values each changed input may take, summed (days for a
 * date, members for an enumeration). Between changes as small and as near, the one with more
 * room wins: sent by 15 May (45 days to choose from) rather than a service moved to 30 or 31
 * March. */
static uint64_t wn_room(const struct rulec_policy *policy, const struct rulec_change *change,
                        uint64_t nominal)
{
    uint64_t room = 0;
    for (unsigned v = 0; v < policy->ninputs; v++) {
        if (!(change->changed >> v & 1))
            continue;
        if (nominal >> v & 1) {
            room += (uint64_t)wn_count(change->members[v]);
            continue;
        }
        const struct rulec_var *var = &policy->vars[v];
        int64_t low = change->ranges[v].low == INT32_MIN ? wn_domain_low(var) : change->ranges[v].low;
        int64_t high = change->ranges[v].high == INT32_MAX ? wn_domain_high(var) : change->ranges[v].high;
        room += (uint64_t)(high - low + 1);
    }
    return room;
}

/* --- what a changed input may be -------------------------------------------------------------- */

/* The values or members of one input v, with every other input as in claim, that give the
 * answer wanted: each path on which v alone varies, its interval of v (through v's own tests
 * and the derived values that read it) meeting what its rule's answer asks. */
#define WN_MAX_PIECES 128

struct wn_widen {
    const struct rulec_policy *policy;
    const struct rulec_claim *claim;
    const struct rulec_want *want;
    unsigned v;
    int64_t low[WN_MAX_PIECES], high[WN_MAX_PIECES];
    int npieces;
    uint64_t members;
    long budget;
    int overflow;
};

/* What a leaf's constraints leave of [*low, *high] for v, the others as in claim; 0 when
 * nothing. */
static int wn_widen_constraints(const struct wn_widen *w, const struct wn_constraint *c, int n,
                                int64_t *low, int64_t *high)
{
    for (int i = 0; i < n; i++) {
        int64_t rest = 0;
        int sign = 0;
        if (c[i].plus == (int)w->v)
            sign = 1;
        else if (c[i].plus >= 0)
            rest += w->claim->values[c[i].plus];
        if (c[i].minus == (int)w->v)
            sign = -1;
        else if (c[i].minus >= 0)
            rest -= w->claim->values[c[i].minus];
        /* low_c <= sign * v + rest <= high_c. */
        if (sign == 0) {
            if ((c[i].low != WN_NONE_LOW && rest < c[i].low) || (c[i].high != WN_NONE_HIGH && rest > c[i].high))
                return 0;
            continue;
        }
        int64_t from = sign > 0 ? (c[i].low == WN_NONE_LOW ? WN_NONE_LOW : c[i].low - rest)
                                : (c[i].high == WN_NONE_HIGH ? WN_NONE_LOW : rest - c[i].high);
        int64_t to = sign > 0 ? (c[i].high == WN_NONE_HIGH ? WN_NONE_HIGH : c[i].high - rest)
                              : (c[i].low == WN_NONE_LOW ? WN_NONE_HIGH : rest - c[i].low);
        if (from != WN_NONE_LOW && from > *low)
            *low = from;
        if (to != WN_NONE_HIGH && to < *high)
            *high = to;
    }
    return *low <= *high;
}

static void wn_widen_leaf(struct wn_widen *w, int32_t ref, int64_t low, int64_t high, uint64_t members)
{
    const struct rulec_policy *policy = w->policy;
    uint32_t leaf = (uint32_t)(-(ref + 1));
    if (leaf >= policy->nrules)
        return;
    struct wn_alternative alternatives[WN_MAX_ALTERNATIVES];
    int count;
    struct wn_constraint needs[2 * RULEC_MAX_OUTPUTS + 8];
    int nneeds = 0;
    int key_widened = 0;          /* the member widened changes what the rule's lookups give */
    for (unsigned i = 0; i < policy->rules[leaf].nassigns; i++)
        key_widened |= policy->assigns[policy->rules[leaf].first_assign + i].key == (int)w->v;
    if (key_widened || !wn_lookup_held(policy, w->claim, &policy->rules[leaf], NULL)
        || wn_rule_wanted(policy, w->claim, leaf, w->want, alternatives, &count) != 0
        || wn_rule_needs(policy, w->claim, leaf, needs, &nneeds, 2 * RULEC_MAX_OUTPUTS + 8) != 0) {
        w->overflow = 1;
        return;
    }
    for (int a = 0; a < count; a++) {
        int64_t from = low, to = high;
        if (!wn_widen_constraints(w, needs, nneeds, &from, &to)
            || !wn_widen_constraints(w, alternatives[a].constraints, alternatives[a].nconstraints,
                                     &from, &to))
            continue;
        if (policy->vars[w->v].type == RULEC_TYPE_BOOL || policy->vars[w->v].type == RULEC_TYPE_ENUM) {
            w->members |= members;
        } else if (w->npieces == WN_MAX_PIECES) {
            w->overflow = 1;
        } else {
            w->low[w->npieces] = from;
            w->high[w->npieces++] = to;
        }
    }
}

/* The walk, branching only where v matters; an input the claim lacks takes the "absent"
 * child, as rulec_decide does. */
static void wn_widen_walk(struct wn_widen *w, int32_t ref, int64_t low, int64_t high,
                          uint64_t members, int depth)
{
    const struct rulec_policy *policy = w->policy;
    const struct rulec_claim *claim = w->claim;
    while (ref >= 0) {
        if (--w->budget < 0 || (uint32_t)ref >= policy->nnodes || depth > RULEC_MAX_VARS) {
            w->overflow = 1;
            return;
        }
        const struct rulec_node *node = &policy->nodes[ref];
        const struct rulec_var *var = &policy->vars[node->var];
        uint32_t cells = node->nchildren - 1;
        int nominal = var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM;
        int reads_v = node->var == w->v
                      || (!var->is_input && (var->plus == (int)w->v || var->minus == (int)w->v));
        if (!reads_v) {
            int32_t value;
            int missing;
            uint32_t cell = cells;
            if (rulec_var_value(policy, claim, node->var, &value, &missing) == 0) {
                if (nominal)
                    cell = (uint32_t)value;
                else
                    for (cell = 0; cell + 1 < cells && rulec_bound(policy, node->first_child + cell + 1) <= value;)
                        cell++;
            }
            if (cell > cells)
                return;
            ref = rulec_child(policy, node->first_child + cell);
            depth++;
            continue;
        }
        for (uint32_t k = 0; k < cells; k++) {
            int32_t child = rulec_child(policy, node->first_child + k);
            if (nominal) {
                /* v itself: one member at a time (members with one child meet again below). */
                wn_widen_walk(w, child, low, high, members & ((uint64_t)1 << k), depth + 1);
                continue;
            }
            int64_t from = k == 0 ? WN_NONE_LOW : rulec_bound(policy, node->first_child + k);
            int64_t to = k + 1 >= cells ? WN_NONE_HIGH : (int64_t)rulec_bound(policy, node->first_child + k + 1) - 1;
            struct wn_constraint c = wn_var_constraint(policy, node->var,
                                                       from == WN_NONE_LOW ? INT32_MIN : (int32_t)from,
                                                       to == WN_NONE_HIGH ? INT32_MAX : (int32_t)to);
            int64_t a = low, b = high;
            if (wn_widen_constraints(w, &c, 1, &a, &b))
                wn_widen_walk(w, child, a, b, members, depth + 1);
        }
        return;
    }
    if (members || !(policy->vars[w->v].type == RULEC_TYPE_BOOL || policy->vars[w->v].type == RULEC_TYPE_ENUM))
        wn_widen_leaf(w, ref, low, high, members);
}

/* Widens what input v may be in change to every value that gives the answer with the other
 * inputs as in the changed claim: the pieces found, joined where they touch, the one that holds
 * the value chosen. Left as it is when the walk could not finish. */
static void wn_widen_input(const struct rulec_policy *policy, const struct rulec_want *want,
                           struct rulec_change *change, unsigned v)
{
    struct wn_widen w;
    memset(&w, 0, sizeof w);
    w.policy = policy;
    w.claim = &change->claim;
    w.want = want;
    w.v = v;
    w.budget = 100000;
    const struct rulec_var *var = &policy->vars[v];
    int nominal = var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM;
    wn_widen_walk(&w, policy->root, wn_domain_low(var), wn_domain_high(var),
                  nominal ? wn_all_members(var) : 0, 0);
    if (w.overflow)
        return;
    if (nominal) {
        if (w.members >> change->claim.values[v] & 1)
            change->members[v] = w.members;
        return;
    }
    int64_t value = change->claim.values[v], low = value, high = value;
    int found = 0;
    /* Grow the piece around the value until no piece touches it. */
    for (int grown = 1; grown;) {
        grown = 0;
        for (int i = 0; i < w.npieces; i++) {
            int touches = w.low[i] <= high + 1 && w.high[i] >= low - 1;
            if (!touches || (w.low[i] >= low && w.high[i] <= high))
                continue;
            if (w.low[i] < low)
                low = w.low[i];
            if (w.high[i] > high)
                high = w.high[i];
            grown = 1;
        }
    }
    for (int i = 0; i < w.npieces; i++)
        found |= w.low[i] <= value && w.high[i] >= value;
    if (!found)
        return;
    wn_allowed(var, low, high, &change->ranges[v]);
}

/* Records the solution in s->values as the best change when it beats it: fewer inputs changed,
 * or as many and a smaller distance, or as near and more room; checked by deciding the changed
 * claim. */
static void wn_offer(struct wn_search *s, uint32_t rule, uint64_t changed, uint64_t distance)
{
    struct rulec_change *best = s->best;
    int count = wn_count(changed), best_count = wn_count(best->changed);
    if (s->found && (count > best_count || (count == best_count && distance > best->distance)))
        return;
    struct rulec_change offer;
    memset(&offer, 0, sizeof offer);
    offer.claim = *s->claim;
    for (unsigned v = 0; v < s->policy->ninputs; v++)
        if (changed >> v & 1) {
            offer.claim.values[v] = (int32_t)s->values[v];
            offer.claim.present |= (uint64_t)1 << v;
        }
    struct rulec_result result;
    if (rulec_decide(s->policy, &offer.claim, &result) != RULEC_OK
        || !rulec_result_wanted(s->policy, &result, s->want)) {
        s->inexact = 1;        /* never for tables rulec wrote: the search and the walk agree */
        return;
    }
    offer.rule = (int)rule;
    offer.changed = changed;
    offer.distance = distance > UINT32_MAX ? UINT32_MAX : (uint32_t)distance;
    offer.exact = 1;
    /* What each changed input may be, the others as in the changed claim. */
    for (unsigned v = 0; v < s->policy->ninputs; v++) {
        if (!(changed >> v & 1))
            continue;
        const struct rulec_var *var = &s->policy->vars[v];
        offer.members[v] = s->nominal >> v & 1 ? s->members[v] : 0;
        int64_t low = wn_domain_low(var), high = wn_domain_high(var);
        for (int i = 0; i < s->nconstraints && !(s->nominal >> v & 1); i++) {
            const struct wn_constraint *c = &s->constraints[i];
            if (c->plus != (int)v && c->minus != (int)v)
                continue;
            /* low_c <= x - rest <= high_c when x is the constraint's plus, low_c <= rest - x <=
             * high_c when its minus; rest is the other term's value, 0 for none. */
            int plus = c->plus == (int)v;
            int other = plus ? c->minus : c->plus;
            int64_t rest = other >= 0 ? offer.claim.values[other] : 0;
            int64_t from = plus ? (c->low == WN_NONE_LOW ? WN_NONE_LOW : c->low + rest)
                                : (c->high == WN_NONE_HIGH ? WN_NONE_LOW : rest - c->high);
            int64_t to = plus ? (c->high == WN_NONE_HIGH ? WN_NONE_HIGH : c->high + rest)
                              : (c->low == WN_NONE_LOW ? WN_NONE_HIGH : rest - c->low);
            if (from != WN_NONE_LOW && from > low)
                low = from;
            if (to != WN_NONE_HIGH && to < high)
                high = to;
        }
        wn_allowed(var, low, high, &offer.ranges[v]);
    }
    for (unsigned v = 0; v < s->policy->ninputs; v++)
        if (changed >> v & 1)
            wn_widen_input(s->policy, s->want, &offer, v);
    if (s->found && count == best_count && offer.distance == best->distance
        && wn_room(s->policy, &offer, s->nominal) <= wn_room(s->policy, best, s->nominal))
        return;
    *best = offer;
    s->found = 1;
}

/* A path to rule with the leaf's constraints in place: the fewest inputs to change, then the
 * nearest values. */
static void wn_weigh(struct wn_search *s, uint32_t rule)
{
    const struct rulec_policy *policy = s->policy;
    const struct rulec_claim *claim = s->claim;
    uint64_t forced = 0, binary = 0;
    for (unsigned v = 0; v < policy->ninputs; v++) {
        if (!(s->nominal >> v & 1) || s->members[v] == wn_all_members(&policy->vars[v]))
            continue;
        if (!(claim->present >> v & 1) || !(s->members[v] >> claim->values[v] & 1))
            forced |= (uint64_t)1 << v;
    }
    for (int i = 0; i < s->nconstraints; i++) {
        const struct wn_constraint *c = &s->constraints[i];
        uint64_t reads = wn_reads(c);
        /* A nominal input in a constraint (a computed output comparing members): it keeps its
         * value, or must be given one it cannot be weighed for. */
        if (reads & s->nominal) {
            uint64_t absent = reads & s->nominal & ~claim->present;
            if (absent) {
                s->inexact = 1;
                return;
            }
        }
        forced |= reads & ~claim->present & ~s->nominal;
        if (c->plus >= 0 && c->minus >= 0)
            binary |= reads & ~s->nominal;
        else if (c->plus >= 0 || c->minus >= 0) {
            int v = c->plus >= 0 ? c->plus : c->minus;
            if ((claim->present >> v & 1) && !(s->nominal >> v & 1)) {
                int64_t x = (int64_t)claim->values[v] * (c->plus >= 0 ? 1 : -1);
                if ((c->low != WN_NONE_LOW && x < c->low) || (c->high != WN_NONE_HIGH && x > c->high))
                    forced |= (uint64_t)1 << v;
            }
        }
    }
    if (forced & s->want->fixed)
        return;              /* the path needs an input changed that must stay */
    int best_count = s->found ? wn_count(s->best->changed) : RULEC_MAX_VARS + 1;
    int nforced = wn_count(forced);
    uint64_t candidates = binary & ~forced & claim->present & ~s->want->fixed;
    int ncandidates = 0, order[RULEC_MAX_VARS];
    for (unsigned v = 0; v < policy->ninputs; v++)
        if (candidates >> v & 1)
            order[ncandidates++] = (int)v;
    /* k more inputs than the forced ones, k = 0, 1, …: the first k that works is the fewest. */
    for (int k = 0; k <= ncandidates && nforced + k <= best_count; k++) {
        int pick[RULEC_MAX_VARS], any = 0;
        for (int i = 0; i < k; i++)
            pick[i] = i;
        for (;;) {
            uint64_t changed = forced;
            for (int i = 0; i < k; i++)
                changed |= (uint64_t)1 << order[pick[i]];
            uint64_t distance;
            if (wn_solve(s, changed, &distance) == 0) {
                wn_offer(s, rule, changed, distance);
                any = 1;
            }
            if (s->budget < 0) {
                s->inexact = 1;
                return;
            }
            /* The next k-subset, in lexicographic order. */
            int i = k - 1;
            while (i >= 0 && pick[i] == ncandidates - k + i)
                i--;
            if (i < 0)
                break;
            pick[i]++;
            for (int j = i + 1; j < k; j++)
                pick[j] = pick[j - 1] + 1;
        }
        if (any)
            return;
    }
}

/* A leaf of the walk: when its rule can give the wanted answer, each way it can is weighed. */
static void wn_leaf(struct wn_search *s, int32_t ref)
{
    const struct rulec_policy *policy = s->policy;
    uint32_t leaf = (uint32_t)(-(ref + 1));
    if (leaf >= policy->nrules)
        return;              /* "an input is needed", or an unfinished policy's region */
    struct wn_alternative alternatives[WN_MAX_ALTERNATIVES];
    int count;
    if (!wn_lookup_held(policy, s->claim, &policy->rules[leaf], s->members)
        || wn_rule_wanted(policy, s->claim, leaf, s->want, alternatives, &count) != 0) {
        s->inexact = 1;
        return;
    }
    int base = s->nconstraints;
    for (int a = 0; a < count; a++) {
        s->nconstraints = base;
        if (wn_rule_needs(policy, s->claim, leaf, s->constraints, &s->nconstraints,
                          WN_MAX_CONSTRAINTS) != 0) {
            s->inexact = 1;
            break;
        }
        for (int i = 0; i < alternatives[a].nconstraints && s->nconstraints < WN_MAX_CONSTRAINTS; i++)
            s->constraints[s->nconstraints++] = alternatives[a].constraints[i];
        /* The answer reads an input the path keeps absent: it would be refused (RULEC_MISSING). */
        uint64_t reads = 0;
        for (int i = base; i < s->nconstraints; i++)
            reads |= wn_reads(&s->constraints[i]);
        if (reads & s->kept)
            continue;
        wn_weigh(s, leaf);
    }
    s->nconstraints = base;
}

/* The walk: depth first over every path, skipping paths that already need more changes than
 * the best found. An input the claim lacks may be given a value (a real branch: a change) or
 * stay absent (the node's "absent" child, as rulec_decide takes it: no change), which then holds
 * for every derived value that reads it further down. */
static int wn_walk(struct wn_search *s)
{
    const struct rulec_policy *policy = s->policy;
    const struct rulec_claim *claim = s->claim;
    struct {
        int32_t node;
        uint32_t next;           /* the next child to take; cells: the "absent" child */
        int constraints;         /* s->nconstraints on entry */
        int forced;              /* inputs the path so far forces to change */
        uint64_t kept, given;    /* absent inputs the path keeps absent, or gives a value */
    } stack[RULEC_MAX_VARS + 1];
    int top = 0;
    s->kept = 0;
    if (policy->root < 0) {
        wn_leaf(s, policy->root);
        return 0;
    }
    stack[0].node = policy->root;
    stack[0].next = 0;
    stack[0].constraints = 0;
    stack[0].forced = 0;
    stack[0].kept = stack[0].given = 0;
    while (top >= 0) {
        if (--s->budget < 0) {
            s->inexact = 1;
            return 0;
        }
        int32_t ref = stack[top].node;
        if ((uint32_t)ref >= policy->nnodes)
            return -1;
        const struct rulec_node *node = &policy->nodes[ref];
        if (node->var >= policy->nvars || node->nchildren < 1)
            return -1;
        const struct rulec_var *var = &policy->vars[node->var];
        uint32_t cells = node->nchildren - 1;   /* the last child is "absent" */
        int nominal = var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM;
        /* Undo what the child taken last added. */
        s->nconstraints = stack[top].constraints;
        if (nominal && var->is_input)
            s->members[node->var] = wn_all_members(var);
        /* The absent inputs this node reads, and whether the path may or must keep them so. */
        uint64_t reads = var->is_input ? (uint64_t)1 << node->var
                         : (var->plus >= 0 ? (uint64_t)1 << var->plus : 0)
                           | (var->minus >= 0 ? (uint64_t)1 << var->minus : 0);
        uint64_t absent = reads & ~claim->present;
        uint64_t kept = stack[top].kept, given = stack[top].given;
        int only_absent = (reads & kept) != 0;
        int may_keep = (absent & ~given) != 0;
        uint32_t k = stack[top].next;
        if (only_absent && k < cells)
            k = cells;
        if (nominal) {
            /* Members with one child are one branch: skip those whose child came earlier. */
            for (; k < cells; k++) {
                int32_t child = rulec_child(policy, node->first_child + k);
                uint32_t j = 0;
                while (j < k && rulec_child(policy, node->first_child + j) != child)
                    j++;
                if (j == k)
                    break;
            }
        }
        if (k > cells || (k == cells && !only_absent && !may_keep)) {
            top--;
            continue;
        }
        stack[top].next = k + 1;
        int32_t child = rulec_child(policy, node->first_child + k);
        int forced = stack[top].forced;
        if (k == cells) {
            /* Kept absent: no test, no change. */
            kept |= absent & ~given;
        } else if (nominal) {
            uint64_t mask = 0;
            for (uint32_t j = k; j < cells && j < 64; j++)
                if (rulec_child(policy, node->first_child + j) == child)
                    mask |= (uint64_t)1 << j;
            if (!var->is_input) {
                s->inexact = 1;      /* derived values are dates or integers */
                continue;
            }
            s->members[node->var] = mask;
            int violated = !(claim->present >> node->var & 1)
                           || !(mask >> claim->values[node->var] & 1);
            if (violated && (s->want->fixed >> node->var & 1))
                continue;
            forced += violated;
            given |= absent;
        } else {
            int32_t low = k == 0 ? INT32_MIN : rulec_bound(policy, node->first_child + k);
            int32_t high = k + 1 >= cells ? INT32_MAX : rulec_bound(policy, node->first_child + k + 1) - 1;
            if (s->nconstraints >= WN_MAX_CONSTRAINTS - 2 * RULEC_MAX_OUTPUTS - 8) {
                s->inexact = 1;
                continue;
            }
            if (absent & s->want->fixed)
                continue;            /* an absent input that must stay so gets no value */
            if (var->is_input) {
                int violated = !(claim->present >> node->var & 1)
                               || claim->values[node->var] < low || claim->values[node->var] > high;
                if (violated && (s->want->fixed >> node->var & 1))
                    continue;
                forced += violated;
            }
            given |= absent;
            s->constraints[s->nconstraints++] = wn_var_constraint(policy, node->var, low, high);
        }
        if (s->found && forced > wn_count(s->best->changed))
            continue;        /* this path already needs more changes than the best */
        if (child < 0) {
            s->kept = kept;
            wn_leaf(s, child);
            continue;
        }
        if (top + 1 > RULEC_MAX_VARS)
            return -1;
        top++;
        stack[top].node = child;
        stack[top].next = 0;
        stack[top].constraints = s->nconstraints;
        stack[top].forced = forced;
        stack[top].kept = kept;
        stack[top].given = given;
    }
    return 0;
}

int rulec_result_wanted(const struct rulec_policy *policy, const struct rulec_result *result,
                        const struct rulec_want *want)
{
    switch (want->kind) {
    case RULEC_WANT_OUTCOME:
        return result->outcome == want->value;
    case RULEC_WANT_RULE:
        return result->rule == want->value;
    default:
        return want->output < policy->noutputs && (result->set >> want->output & 1)
               && wn_value_wanted(&policy->outputs[want->output], result->values[want->output],
                                  want->value);
    }
}

enum rulec_why_not_status rulec_why_not(const struct rulec_policy *policy, const struct rulec_claim *claim,
                                        const struct rulec_want *want, struct rulec_change *change)
{
    if (!change)
        return RULEC_WHY_NOT_BAD_INPUT;
    memset(change, 0, sizeof *change);
    change->rule = -1;
    change->exact = 1;
    if (!policy || !claim || !want)
        return RULEC_WHY_NOT_BAD_INPUT;
    if (policy->abi != RULEC_ABI_TAG)
        return RULEC_WHY_NOT_BAD_ABI;
    if (policy->ninputs > RULEC_MAX_VARS || policy->nvars > RULEC_MAX_VARS || !policy->nodes)
        return RULEC_WHY_NOT_BAD_TABLES;
    /* Every input, not only those rulec_decide reads: the search reads them all, and shifts
     * member masks by their values. */
    if (rulec_claim_check(policy, claim) >= 0)
        return RULEC_WHY_NOT_BAD_INPUT;
    struct rulec_result result;
    enum rulec_status status = rulec_decide(policy, claim, &result);
    if (status == RULEC_BAD_TABLES)
        return RULEC_WHY_NOT_BAD_TABLES;
    if (status == RULEC_OK && rulec_result_wanted(policy, &result, want)) {
        change->rule = result.rule;
        change->claim = *claim;
        return RULEC_WHY_NOT_ALREADY;
    }
    struct wn_search s;
    memset(&s, 0, sizeof s);
    s.policy = policy;
    s.claim = claim;
    s.want = want;
    s.budget = WN_BUDGET;
    s.best = change;
    for (unsigned v = 0; v < policy->ninputs; v++) {
        const struct rulec_var *var = &policy->vars[v];
        if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM) {
            s.nominal |= (uint64_t)1 << v;
            s.members[v] = wn_all_members(var);
        }
    }
    if (wn_walk(&s) != 0)
        return RULEC_WHY_NOT_BAD_TABLES;
    change->exact = !s.inexact;
    if (!s.found) {
        change->rule = -1;
        return s.inexact ? RULEC_WHY_NOT_TOO_COMPLEX : RULEC_WHY_NOT_NEVER;
    }
    return RULEC_WHY_NOT_FOUND;
}
