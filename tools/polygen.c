/* tools/polygen.c — writes a synthetic policy of N rules over K = 12 inputs, for bench-scale:
 * enumerations of 4, 8, 16 and 32 members, four dates (one with many cut points), two
 * integers and two booleans; a derived value; outputs of three types and two computed ones;
 * exceptions, unspecified outcomes.
 *
 * Complete and conflict-free by construction: rule base decides every claim, and every other
 * rule is an exception to base (r<i>) or to one of them (x<i>). The r<i> are pairwise disjoint:
 * rule i owns one combination of e0, e1, e2 (512 of them) and one ten-day slot of d0, and only
 * narrows that region further with tests on the other inputs. An x<i> narrows its r<i>.
 *
 * With --plant, two known faults are added, for the checker to find at every size:
 *   a gap: base leaves out d0 < 1990-01-01 with b1 true, and no rule covers it;
 *   a conflict: planted_conflict claims r0's region without being an exception to r0.
 * With --distinct, rule i owns d0's two days 2020-01-01 + 2i and + 2i + 1 instead of a slot
 * shared with the other combinations: d0 then has 2N cut points, every one drawn by a single
 * rule, the case that makes a decision node as wide as its own answers, not as the date.
 * With --properties, five properties true by construction follow the rules, for the prover to
 * prove at every size: every decided answer has a channel; channels b and c come with their
 * deadline, 30 to 89 days after d0; d comes only from an x<i> rule (b1, d3 on or after
 * 2021-02-04); an unspecified answer sets nothing.
 * usage: polygen N [--plant] [--distinct] [--properties] > FILE.rules
 * Part of rulec; see README.md for the licence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void date(int day_offset, char *out, size_t size)
{
    /* 2020-01-01 + day_offset (0 to 2,000,010), by hand to stay dependency-free. */
    int y = 2020, m = 1, d = 1 + day_offset;
    static const int days_in[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    for (;;) {
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        int in_month = days_in[m - 1] + (m == 2 && leap);
        if (d <= in_month)
            break;
        d -= in_month;
        if (++m == 13) {
            m = 1;
            y++;
        }
    }
    snprintf(out, size, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

static int distinct, properties;

/* The conditions of r<i>, without "when". */
static void conditions(long i, char *out, size_t size)
{
    long combo = i % 512, slot = i / 512;
    char low[16], high[16], extra[256] = "";
    date(distinct ? (int)(i * 2) : (int)(slot * 10), low, sizeof low);
    date(distinct ? (int)(i * 2 + 1) : (int)(slot * 10 + 9), high, sizeof high);
    size_t used = 0;
    if (i % 3 == 0) {
        char d1[16];
        date(3650 + (int)(i % 50), d1, sizeof d1);
        used += (size_t)snprintf(extra + used, sizeof extra - used, " and d1 >= %s", d1);
    }
    if (i % 5 == 0)
        used += (size_t)snprintf(extra + used, sizeof extra - used, " and i0 between %ld and %ld",
                                 i % 100, i % 100 + 50);
    if (i % 7 == 0)
        used += (size_t)snprintf(extra + used, sizeof extra - used, " and b0");
    if (i % 11 == 0)
        used += (size_t)snprintf(extra + used, sizeof extra - used, " and e3 in { m%ld, m%ld }",
                                 i % 32, (i + 7) % 32);
    if (i % 13 == 0) {
        char d2[16];
        date(365 + (int)(i % 30), d2, sizeof d2);
        used += (size_t)snprintf(extra + used, sizeof extra - used, " and d2 < %s", d2);
    }
    if (i % 17 == 0)
        used += (size_t)snprintf(extra + used, sizeof extra - used, " and i1 > %ld", i % 40);
    if (i % 23 == 0)
        snprintf(extra + used, sizeof extra - used, " and ecart >= %ld", 3600 + i % 100);
    snprintf(out, size, "e0 = m%ld and e1 = m%ld and e2 = m%ld and d0 between %s and %s%s",
             combo % 4, combo / 4 % 8, combo / 32, low, high, extra);
}

static void members(int n)
{
    fputs("enum { ", stdout);
    for (int m = 0; m < n; m++)
        printf("%sm%d", m ? ", " : "", m);
    fputs(" }\n", stdout);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
    int plant = 0, bad = n < 1;
    for (int a = 2; a < argc; a++) {
        if (strcmp(argv[a], "--plant") == 0)
            plant = 1;
        else if (strcmp(argv[a], "--distinct") == 0)
            distinct = 1;
        else if (strcmp(argv[a], "--properties") == 0)
            properties = 1;
        else
            bad = 1;
    }
    if (bad || n > 1000000) {
        fputs("usage: polygen N [--plant] [--distinct] [--properties] > FILE.rules   (N from 1 to "
              "1,000,000)\n", stderr);
        return 2;
    }
    printf("# A synthetic policy of %ld rules over 12 inputs, written by tools/polygen%s%s.\n\n", n,
           distinct ? " --distinct" : "", plant ? " --plant: it has one gap and one conflict" : "");
    printf("policy synthetic \"Synthetic policy, %ld rules\"\n\n", n);
    puts("source spec \"Synthetic specification\"\n");
    const int sizes[4] = { 4, 8, 16, 32 };
    for (int e = 0; e < 4; e++) {
        printf("input e%d \"Enumeration %d\" : ", e, e);
        members(sizes[e]);
    }
    for (int d = 0; d < 4; d++)
        printf("input d%d \"Date %d\" : date\n", d, d);
    puts("input i0 \"Integer 0\" : int\ninput i1 \"Integer 1\" : int");
    puts("input b0 \"Boolean 0\" : bool\ninput b1 \"Boolean 1\" : bool\n");
    puts("let ecart = d1 - d0\n");
    puts("output canal \"Channel\" : enum { a, b, c, d }");
    puts("output limite \"Deadline\" : date");
    puts("output code \"Code\" : int");
    puts("output tardif \"Late\" : bool = d1 > limite");
    puts("output recent \"Recent\" : bool = d3 >= 2021-02-10\n");

    if (plant) {
        puts("rule base");
        puts("  cites spec \"0\"");
        puts("  when not (d0 < 1990-01-01 and b1)");
        puts("  then canal = a, code = 0\n");
    } else {
        puts("rule base\n  cites spec \"0\"\n  then canal = a, code = 0\n");
    }
    char when[1024];
    for (long i = 0; i < n; i++) {
        conditions(i, when, sizeof when);
        if (i % 10 == 9) {
            /* Every tenth rule is an exception to the one before it, inside its region. */
            char inner[1024], d3[16];
            conditions(i - 1, inner, sizeof inner);
            date(400 + (int)(i % 20), d3, sizeof d3);
            printf("rule x%ld exception to r%ld\n  cites spec \"%ld.x\"\n  when %s and d3 >= %s and b1\n",
                   i, i - 1, i, inner, d3);
            printf("  then canal = d, code = %ld\n\n", i);
            continue;
        }
        printf("rule r%ld exception to base\n  cites spec \"%ld\"\n  when %s\n", i, i, when);
        if (i % 19 == 0)
            printf("  then unspecified \"Rule %ld: the specification is silent.\"\n\n", i);
        else
            printf("  then canal = %c, limite = d0 + %ld days, code = %ld\n\n", "bc"[i % 2],
                   30 + i % 60, i);
    }
    if (plant) {
        conditions(0, when, sizeof when);
        printf("rule planted_conflict exception to base\n  cites spec \"planted\"\n  when %s\n"
               "  then canal = d, code = -1\n", when);
    }
    if (properties) {
        puts("property decided_has_channel \"A decided answer has a channel\"\n  cites spec \"0\"\n"
             "  when decided\n  requires canal != unset\n");
        puts("property deadline \"Channels b and c have a deadline 30 to 89 days after d0\"\n"
             "  cites spec \"1\"\n  when canal in { b, c }\n"
             "  requires limite >= d0 + 30 days and limite <= d0 + 89 days\n");
        puts("property late \"Late means sent after the deadline\"\n  cites spec \"1\"\n"
             "  when tardif\n  requires limite < d1\n");
        puts("property channel_d \"Channel d only for b1, from 2021-02-04\"\n  cites spec \"x\"\n"
             "  when canal = d\n  requires b1 and d3 >= 2021-02-04 and code >= 9\n");
        puts("property silent \"An unspecified answer sets nothing\"\n  cites spec \"19\"\n"
             "  when unspecified\n  requires canal = unset and limite = unset and code = unset");
    }
    return 0;
}
