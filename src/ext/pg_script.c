/* src/ext/pg_script.c — writes a policy's PostgreSQL extension files from its tables, so that
 * any rule file makes an extension: DIR/<policy>.control and DIR/<policy>--<version>.sql, the
 * latter declaring <policy>(inputs in declaration order, in PostgreSQL types) RETURNS jsonb,
 * one typed function per key of the answer (<policy>_<output>(…), <policy>_outcome(…), …) and
 * <policy>_rules_sha256() RETURNS text (src/ext/postgres.c).
 * usage: pg_script VERSION DIR        Part of rulec; see README.md for the licence.
 * Built with -DPOLICY_HEADER='"ramq2018.h"' -DPOLICY_TABLES=ramq2018_policy.
 *
 * Both files are ASCII, whatever the policy's text. PostgreSQL reads a script in the
 * database's encoding (the control file names none, and could name only one) and refuses it
 * whole, before running any of it, when it is not valid there: an EUC_JP database refused the
 * UTF-8 dash of its first line, a LATIN1 one took « é » for two characters. Nor may the
 * script hold a \u escape where the server reads it: it reads the whole script before it runs
 * the first statement, and converts an escape to its encoding as it reads it, so a character
 * the encoding lacks would stop CREATE EXTENSION with the server's message, before the
 * script's first statement (rulec_check_encoding, src/ext/postgres.c) could give ours. The
 * French comments are therefore statements that a DO block runs with EXECUTE, read when they
 * run, after the check. The control file's comment, which PostgreSQL would store without
 * conversion, is set that way too. */
#include <stdio.h>
#include <string.h>

#include <rulec/rulec.h>
#include POLICY_HEADER
#include "pg_text.h"
#include "report.h"

/* The code point of the UTF-8 character at text and its length in *size, or -1 when text does
 * not start with one (the tables' text is UTF-8 as the rule file was; this is a check). */
static long utf8_decode(const unsigned char *text, int *size)
{
    static const unsigned char lead_bits[] = { 0, 0, 0x1F, 0x0F, 0x07 };
    static const long least[] = { 0, 0, 0x80, 0x800, 0x10000 };
    int n = text[0] < 0x80 ? 1 : text[0] >= 0xC0 && text[0] < 0xE0 ? 2
            : text[0] >= 0xE0 && text[0] < 0xF0 ? 3 : text[0] >= 0xF0 && text[0] < 0xF5 ? 4 : 0;
    *size = n;
    if (n <= 1)
        return n == 1 ? text[0] : -1;
    long point = text[0] & lead_bits[n];
    for (int i = 1; i < n; i++) {
        if ((text[i] & 0xC0) != 0x80)
            return -1;
        point = point << 6 | (text[i] & 0x3F);
    }
    if (point < least[n] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF))
        return -1;
    return point;
}

/* text as an SQL escape string literal in ASCII: E'…' with quotes and backslashes doubled and
 * every character past ASCII as \uXXXX or \UXXXXXXXX, and $ too, so that the literal can sit
 * between any dollar quotes. Returns -1 when text is not UTF-8. */
static int put_literal(FILE *out, const char *text)
{
    fputs("E'", out);
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        int size;
        long point = utf8_decode(p, &size);
        if (point < 0) {
            fprintf(stderr, "pg_script: text that is not UTF-8: %s\n", text);
            return -1;
        }
        if (point == '\'' || point == '\\')
            fprintf(out, "%c%c", (int)point, (int)point);
        else if (point < 0x80 && point != '$')
            fputc((int)point, out);
        else if (point <= 0xFFFF)
            fprintf(out, "\\u%04lX", point);
        else
            fprintf(out, "\\U%08lX", point);
        p += size;
    }
    fputc('\'', out);
    return 0;
}

static const char *sql_type(enum rulec_type type)
{
    switch (type) {
    case RULEC_TYPE_BOOL: return "boolean";
    case RULEC_TYPE_INT: return "bigint";
    case RULEC_TYPE_DATE: return "date";
    case RULEC_TYPE_ENUM: return "text";
    default: return "text[]";   /* a set: its members */
    }
}

static const char *const part_comments[] = PG_PART_COMMENTS;
_Static_assert(sizeof part_comments / sizeof *part_comments == REPORT_ANSWER_KEYS,
               "one comment per key of the answer");

/* The typed functions are named <policy>_<output> and <policy>_<key> for the answer's other
 * keys, as the JSON answer names them. Returns -1, having said why, when two would have the
 * same name or one would be longer than PostgreSQL keeps (it would cut it, silently). */
static int check_function_names(const struct rulec_policy *policy)
{
    char message[512];
    int result = 0;
    if (report_answer_clash(policy, message, sizeof message) >= 0) {
        fprintf(stderr, "pg_script: %s\n", message);
        result = -1;
    }
    /* Every function's name: each output's, each other key's, rules_sha256's. */
    for (unsigned k = 0; k < policy->noutputs + REPORT_ANSWER_KEYS + 1; k++) {
        const char *name = k < policy->noutputs ? policy->outputs[k].name
                           : k < policy->noutputs + REPORT_ANSWER_KEYS
                               ? report_answer_keys[k - policy->noutputs] : "rules_sha256";
        if (strlen(policy->name) + 1 + strlen(name) > 63) {
            fprintf(stderr, "pg_script: %s_%s : un nom de fonction PostgreSQL a au plus 63 "
                    "octets ; raccourcissez %s\n", policy->name, name,
                    k < policy->noutputs ? "le nom de la sortie" : "le nom de la politique");
            result = -1;
        }
    }
    return result;
}

/* "(profession text, demande text, …)"; with names 0, the types only. */
static void put_arguments(FILE *out, const struct rulec_policy *policy, int names)
{
    fputc('(', out);
    for (unsigned v = 0; v < policy->ninputs; v++) {
        if (names)
            fprintf(out, "%s\"%s\" %s", v ? ",\n    " : "\n    ", policy->vars[v].name,
                    sql_type(policy->vars[v].type));
        else
            fprintf(out, "%s%s", v ? ", " : "", sql_type(policy->vars[v].type));
    }
    fputc(')', out);
}

/* text in a comment of the ASCII-only files: each byte outside printable ASCII as \xHH, so
 * that a rule file's path ("règles/…", a line break) keeps both files ASCII and one line. */
static void put_ascii(FILE *out, const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p >= 0x20 && *p < 0x7F && *p != '\\')
            fputc(*p, out);
        else
            fprintf(out, "\\x%02X", *p);
}

static int write_control(const char *path, const struct rulec_policy *policy, const char *version)
{
    FILE *out = fopen(path, "w");
    if (!out) {
        perror(path);
        return -1;
    }
    fprintf(out, "# %s.control - generated by %s from ", policy->name, policy->generator);
    put_ascii(out, policy->rule_file);
    fprintf(out, "; do not edit.\n"
            "# No comment here: the SQL script sets it, converted to the database's encoding.\n"
            "default_version = '%s'\nmodule_pathname = '$libdir/%s'\nrelocatable = true\n",
            version, policy->name);
    if (fclose(out) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

/* The end of EXECUTE $sql$COMMENT ON <object> IS E'text'$sql$; in a DO block, once the
 * caller has written its start and the object. */
static int put_comment_text(FILE *out, const char *text)
{
    fputs(" IS ", out);
    int result = put_literal(out, text);
    fputs("$sql$;\n", out);
    return result;
}

/* Returns 0, or -1 when the file could not be written or some text is not UTF-8. */
static int write_script(FILE *out, const struct rulec_policy *policy, const char *version)
{
    fprintf(out, "-- %s--%s.sql - generated by %s from ", policy->name, version,
            policy->generator);
    put_ascii(out, policy->rule_file);
    fprintf(out, "\n-- (SHA-256 %s); do not edit.\n"
            "-- ASCII only; src/ext/pg_script.c says why, and why the comments come last.\n"
            "\\echo Use \"CREATE EXTENSION %s\" to load this file. \\quit\n\n",
            policy->rule_sha256, policy->name);
    fprintf(out, "-- First, whether this database's encoding has every character the extension\n"
            "-- can write: if not, CREATE EXTENSION stops here and says so.\n"
            "CREATE FUNCTION %s_check_encoding() RETURNS void\n"
            "AS 'MODULE_PATHNAME', 'rulec_check_encoding'\nLANGUAGE C;\n"
            "SELECT %s_check_encoding();\nDROP FUNCTION %s_check_encoding();\n\n",
            policy->name, policy->name, policy->name);
    fprintf(out, "-- NULL is an absent input; an answer is never an error, a claim that cannot be\n"
            "-- decided gets {\"outcome\":\"rejected\",\"error\":\"...\"}.\nCREATE FUNCTION %s",
            policy->name);
    put_arguments(out, policy, 1);
    fprintf(out, "\nRETURNS jsonb\nAS 'MODULE_PATHNAME', 'rulec_pg_decide'\n"
            "LANGUAGE C IMMUTABLE PARALLEL SAFE;\n\n"
            "CREATE FUNCTION %s_rules_sha256() RETURNS text\n"
            "AS 'MODULE_PATHNAME', 'rulec_pg_rules_sha256'\n"
            "LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;\n\n", policy->name);
    fputs("-- One function per key of the answer, in its SQL type, NULL where the answer has no\n"
          "-- such key: a query on one answer reads no JSON, and postgres_fdw sends it to the\n"
          "-- shards (README.md, PostgreSQL).\n", out);
    for (unsigned o = 0; o < policy->noutputs; o++) {
        struct rulec_domain domain = rulec_output_domain(&policy->outputs[o]);
        fprintf(out, "CREATE FUNCTION %s_%s", policy->name, policy->outputs[o].name);
        put_arguments(out, policy, 1);
        fprintf(out, "\nRETURNS %s\nAS 'MODULE_PATHNAME', 'rulec_pg_output_%u'\n"
                "LANGUAGE C IMMUTABLE PARALLEL SAFE;\n\n", sql_type((enum rulec_type)domain.type), o);
    }
    for (unsigned p = 0; p < REPORT_ANSWER_KEYS; p++) {
        fprintf(out, "CREATE FUNCTION %s_%s", policy->name, report_answer_keys[p]);
        put_arguments(out, policy, 1);
        fprintf(out, "\nRETURNS text\nAS 'MODULE_PATHNAME', 'rulec_pg_%s'\n"
                "LANGUAGE C IMMUTABLE PARALLEL SAFE;\n\n", report_answer_keys[p]);
    }
    fputs("DO $$\nBEGIN\n", out);
    fprintf(out, "    EXECUTE $sql$COMMENT ON EXTENSION %s", policy->name);
    int result = put_comment_text(out, policy->title);
    fprintf(out, "    EXECUTE $sql$COMMENT ON FUNCTION %s", policy->name);
    put_arguments(out, policy, 0);
    result |= put_comment_text(out, policy->title);
    char sha256_comment[256];
    snprintf(sha256_comment, sizeof sha256_comment, PG_TEXT_SHA256_COMMENT, policy->name);
    fprintf(out, "    EXECUTE $sql$COMMENT ON FUNCTION %s_rules_sha256()", policy->name);
    result |= put_comment_text(out, sha256_comment);
    for (unsigned o = 0; o < policy->noutputs; o++) {
        fprintf(out, "    EXECUTE $sql$COMMENT ON FUNCTION %s_%s", policy->name,
                policy->outputs[o].name);
        put_arguments(out, policy, 0);
        char comment[1024];
        snprintf(comment, sizeof comment, PG_TEXT_OUTPUT_COMMENT, policy->outputs[o].label);
        result |= put_comment_text(out, comment);
    }
    for (unsigned p = 0; p < REPORT_ANSWER_KEYS; p++) {
        fprintf(out, "    EXECUTE $sql$COMMENT ON FUNCTION %s_%s", policy->name, report_answer_keys[p]);
        put_arguments(out, policy, 0);
        result |= put_comment_text(out, part_comments[p]);
    }
    fputs("END\n$$;\n", out);
    return result;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: pg_script VERSION DIR\n", stderr);
        return 2;
    }
    const struct rulec_policy *policy = POLICY_TABLES();
    const char *version = argv[1], *dir = argv[2];
    if (check_function_names(policy) != 0)
        return 1;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.control", dir, policy->name);
    if (write_control(path, policy, version) != 0)
        return 1;
    snprintf(path, sizeof path, "%s/%s--%s.sql", dir, policy->name, version);
    FILE *out = fopen(path, "w");
    if (!out) {
        perror(path);
        return 1;
    }
    int written = write_script(out, policy, version);
    if (fclose(out) != 0 || written != 0) {
        if (written == 0)
            perror(path);
        remove(path);
        return 1;
    }
    return 0;
}
