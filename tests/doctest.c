/* tests/doctest.c — the documents are tested: every rule file, rule fragment and command with
 * its output shown in a Markdown file or a man page is run, and must do what the page says.
 * Part of rulec; see README.md for the licence.
 *
 * usage: doctest RULEC [--sources DIR] DOCUMENT...     (from the repository's top directory)
 *
 * A document's code blocks are Markdown's fenced blocks, or a man page's .nf/.fi and .EX/.EE
 * (roff escapes undone). What a block is, by its first line:
 *  - "$ command": a session. Each command (a line ending in "\" goes on) runs in sh from the
 *    top directory, with build/ first on PATH; what it writes, stdout and stderr together,
 *    must be the lines below it. A line "…" alone stands for any lines; "…" inside a line for
 *    any characters there; trailing blanks do not count.
 *  - a rule file's declaration (policy, rule, input, …, or their French twins): a rule file.
 *    `rulec test` must pass on it (no error; its examples hold; gaps and conflicts of a file
 *    shown in part are warnings there). A block that opens with policy or politique must also
 *    pass `rulec check`: it is a whole policy, complete and consistent.
 *  - anything else (C, shell to copy, JSON, tables) is not run.
 * A directive on the line just before a block (<!-- doctest: … --> in Markdown, .\" doctest: …
 * in roff) says more:
 *  - "with FILE": the block is a fragment; FILE's text goes before it (the declarations the
 *    fragment uses), and the whole is the rule file tested;
 *  - "part": a policy shown in part: `rulec check` is not asked of it;
 *  - "excerpt of FILE": the block's lines (with "…" as above) are lines of FILE, in order,
 *    whatever their indentation.
 * Quotes are looked for in DIR's texts when --sources is given. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define ELLIPSIS "\xe2\x80\xa6"     /* … */

struct block {
    int line;                 /* where it starts in the document */
    char *text;               /* its lines, undone from roff where needed */
    char *directive;          /* "with FILE", "part", "excerpt of FILE", or NULL */
};

static const char *rulec, *sources;
static int passed, failed;

static char *read_all(FILE *file, size_t *length)
{
    size_t size = 0, used = 0;
    char *data = NULL;
    for (;;) {
        if (used + 4096 + 1 > size) {
            size = size ? size * 2 : 65536;
            char *bigger = realloc(data, size);
            if (!bigger) {
                free(data);
                return NULL;
            }
            data = bigger;
        }
        size_t got = fread(data + used, 1, 4096, file);
        used += got;
        if (got == 0)
            break;
    }
    data[used] = '\0';
    if (length)
        *length = used;
    return data;
}

static char *read_file(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    char *text = read_all(file, NULL);
    fclose(file);
    return text;
}

static int write_file(const char *path, const char *a, const char *b)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return -1;
    fputs(a, file);
    if (b)
        fputs(b, file);
    return fclose(file);
}

static void append(char **text, size_t *length, const char *bytes, size_t count)
{
    char *bigger = realloc(*text, *length + count + 1);
    if (!bigger) {
        perror("doctest");
        exit(2);
    }
    memcpy(bigger + *length, bytes, count);
    *length += count;
    bigger[*length] = '\0';
    *text = bigger;
}

/* A roff line as it reads: \- is -, \e a backslash, \(aq ', \(dq ", \(em —, \& nothing. */
static void roff_line(char **text, size_t *length, const char *line, size_t count)
{
    static const struct { const char *from, *to; } escapes[] = {
        { "\\-", "-" }, { "\\e", "\\" }, { "\\(aq", "'" }, { "\\(dq", "\"" }, { "\\(em", "—" },
        { "\\(en", "–" }, { "\\&", "" }, { "\\ ", " " }, { "\\(lq", "“" }, { "\\(rq", "”" },
    };
    for (size_t i = 0; i < count;) {
        size_t k = 0, n = sizeof escapes / sizeof *escapes;
        for (; k < n; k++) {
            size_t from = strlen(escapes[k].from);
            if (i + from <= count && memcmp(line + i, escapes[k].from, from) == 0)
                break;
        }
        if (k < n) {
            append(text, length, escapes[k].to, strlen(escapes[k].to));
            i += strlen(escapes[k].from);
        } else {
            append(text, length, line + i, 1);
            i++;
        }
    }
}

/* The directive on a line, if it is one: "<!-- doctest: X -->" or ".\" doctest: X". */
static char *directive_of(const char *line, size_t length)
{
    const char *markers[] = { "<!-- doctest: ", ".\\\" doctest: " };
    for (int m = 0; m < 2; m++) {
        size_t start = strlen(markers[m]);
        if (length <= start || memcmp(line, markers[m], start) != 0)
            continue;
        size_t end = length;
        if (m == 0) {
            if (end < start + 4 || memcmp(line + end - 4, " -->", 4) != 0)
                return NULL;
            end -= 4;
        }
        return strndup(line + start, end - start);
    }
    return NULL;
}

/* The document's code blocks. */
static int blocks_of(const char *path, const char *text, struct block **out)
{
    size_t plen = strlen(path);
    int roff = plen > 2 && path[plen - 2] == '.' && (path[plen - 1] == '1' || path[plen - 1] == '5');
    int count = 0, capacity = 0, in_block = 0, line_number = 0;
    struct block *blocks = NULL;
    char *pending = NULL, *body = NULL;
    size_t body_length = 0;
    for (const char *p = text; *p;) {
        const char *end = strchr(p, '\n');
        size_t length = end ? (size_t)(end - p) : strlen(p);
        line_number++;
        int opens = roff ? (length >= 3 && (memcmp(p, ".nf", 3) == 0 || memcmp(p, ".EX", 3) == 0))
                         : length >= 3 && memcmp(p, "```", 3) == 0 && !in_block;
        int closes = roff ? (length >= 3 && (memcmp(p, ".fi", 3) == 0 || memcmp(p, ".EE", 3) == 0))
                          : length >= 3 && memcmp(p, "```", 3) == 0 && in_block;
        if (!in_block && opens) {
            in_block = 1;
            body = NULL;
            body_length = 0;
            append(&body, &body_length, "", 0);
            if (count == capacity) {
                capacity = capacity ? capacity * 2 : 16;
                blocks = realloc(blocks, sizeof *blocks * (size_t)capacity);
            }
            blocks[count].line = line_number + 1;
            blocks[count].directive = pending;
            pending = NULL;
        } else if (in_block && closes) {
            in_block = 0;
            blocks[count++].text = body;
        } else if (in_block) {
            if (roff && length && p[0] == '.') {
                /* A request inside a block (.br, a comment): not a line of the block. */
            } else {
                if (roff)
                    roff_line(&body, &body_length, p, length);
                else
                    append(&body, &body_length, p, length);
                append(&body, &body_length, "\n", 1);
            }
        } else {
            char *directive = directive_of(p, length);
            if (directive) {
                free(pending);
                pending = directive;
            } else if (length) {
                free(pending);   /* a directive belongs to the block right after it */
                pending = NULL;
            }
        }
        p = end ? end + 1 : p + length;
    }
    free(pending);
    *out = blocks;
    return count;
}

/* Whether text matches pattern on one line: "…" in pattern stands for any characters. */
static int line_matches(const char *pattern, size_t plen, const char *text, size_t tlen)
{
    const char *star = NULL;
    size_t e = strlen(ELLIPSIS);
    for (size_t i = 0; i + e <= plen; i++)
        if (memcmp(pattern + i, ELLIPSIS, e) == 0) {
            star = pattern + i;
            break;
        }
    if (!star)
        return plen == tlen && memcmp(pattern, text, plen) == 0;
    size_t head = (size_t)(star - pattern);
    if (tlen < head || memcmp(pattern, text, head) != 0)
        return 0;
    const char *rest = star + e;
    size_t rlen = plen - head - e;
    for (size_t at = head; at <= tlen; at++)
        if (line_matches(rest, rlen, text + at, tlen - at))
            return 1;
    return 0;
}

/* The same, a line of an excerpt: indentation does not count (code lifted out of a function
 * loses a level). */
static int excerpt_line_matches(const char *pattern, size_t plen, const char *text, size_t tlen)
{
    while (plen && (*pattern == ' ' || *pattern == '\t')) {
        pattern++;
        plen--;
    }
    while (tlen && (*text == ' ' || *text == '\t')) {
        text++;
        tlen--;
    }
    return line_matches(pattern, plen, text, tlen);
}

/* Lines without their trailing blanks. */
static int split_lines(const char *text, const char ***lines, size_t **lengths)
{
    int count = 0, capacity = 16;
    *lines = malloc(sizeof **lines * (size_t)capacity);
    *lengths = malloc(sizeof **lengths * (size_t)capacity);
    for (const char *p = text; *p;) {
        const char *end = strchr(p, '\n');
        size_t length = end ? (size_t)(end - p) : strlen(p);
        size_t trimmed = length;
        while (trimmed && (p[trimmed - 1] == ' ' || p[trimmed - 1] == '\t' || p[trimmed - 1] == '\r'))
            trimmed--;
        if (count == capacity) {
            capacity *= 2;
            *lines = realloc(*lines, sizeof **lines * (size_t)capacity);
            *lengths = realloc(*lengths, sizeof **lengths * (size_t)capacity);
        }
        (*lines)[count] = p;
        (*lengths)[count++] = trimmed;
        p = end ? end + 1 : p + length;
    }
    return count;
}

static int is_ellipsis_line(const char *line, size_t length)
{
    while (length && (*line == ' ' || *line == '\t')) {
        line++;
        length--;
    }
    return length == strlen(ELLIPSIS) && memcmp(line, ELLIPSIS, length) == 0;
}

/* Whether lines t[0..tn) match patterns p[0..pn): a pattern line "…" takes any lines. When
 * contiguous is 0, the text may hold other lines between and around the patterns' (an
 * excerpt). */
static int lines_match(const char **p, const size_t *pl, int pn, const char **t, const size_t *tl,
                       int tn, int contiguous)
{
    if (pn == 0)
        return contiguous ? tn == 0 : 1;
    if (is_ellipsis_line(p[0], pl[0])) {
        for (int skip = 0; skip <= tn; skip++)
            if (lines_match(p + 1, pl + 1, pn - 1, t + skip, tl + skip, tn - skip, contiguous))
                return 1;
        return 0;
    }
    for (int skip = 0; skip <= (contiguous ? 0 : tn - 1); skip++)
        if (skip < tn && (contiguous ? line_matches(p[0], pl[0], t[skip], tl[skip])
                                     : excerpt_line_matches(p[0], pl[0], t[skip], tl[skip]))
            && lines_match(p + 1, pl + 1, pn - 1, t + skip + 1, tl + skip + 1, tn - skip - 1, contiguous))
            return 1;
    return 0;
}

static int text_matches(const char *pattern, const char *text, int contiguous)
{
    const char **p, **t;
    size_t *pl, *tl;
    int pn = split_lines(pattern, &p, &pl), tn = split_lines(text, &t, &tl);
    /* Blank lines at the end of either do not count. */
    while (pn && pl[pn - 1] == 0)
        pn--;
    while (tn && tl[tn - 1] == 0)
        tn--;
    /* An excerpt skips blank lines: they only space the page. */
    int kept = 0;
    for (int i = 0; i < pn; i++)
        if (contiguous || pl[i]) {
            p[kept] = p[i];
            pl[kept++] = pl[i];
        }
    int result = lines_match(p, pl, kept, t, tl, tn, contiguous);
    free(p);
    free(pl);
    free(t);
    free(tl);
    return result;
}

/* Runs command in sh from here; returns what it wrote, stdout and stderr in one stream. */
static char *run(const char *command, int *status)
{
    size_t length = strlen(command) + 32;
    char *line = malloc(length);
    /* A line break before the parenthesis: the command may end in a # comment. */
    snprintf(line, length, "( %s\n) 2>&1", command);
    fflush(stdout);
    FILE *pipe = popen(line, "r");
    free(line);
    if (!pipe) {
        *status = -1;
        return strdup("");
    }
    char *out = read_all(pipe, NULL);
    int raw = pclose(pipe);
    *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return out ? out : strdup("");
}

static void fail(const char *document, int line, const char *what, const char *detail)
{
    failed++;
    printf("FAIL %s:%d: %s\n", document, line, what);
    if (detail && *detail)
        printf("%s%s", detail, detail[strlen(detail) - 1] == '\n' ? "" : "\n");
}

static void check_session(const char *document, const struct block *b)
{
    const char *p = b->text;
    int line = b->line;
    while (*p) {
        /* A command, then its lines up to the next command. */
        char *command = NULL;
        size_t clength = 0;
        int start = line;
        append(&command, &clength, "", 0);
        for (int first = 1;; first = 0) {
            const char *end = strchr(p, '\n');
            size_t length = end ? (size_t)(end - p) : strlen(p);
            const char *from = first ? p + 2 : p;
            size_t count = first ? length - 2 : length;
            int more = count && from[count - 1] == '\\';
            append(&command, &clength, from, more ? count - 1 : count);
            p = end ? end + 1 : p + length;
            line++;
            if (!more || !*p)
                break;
        }
        char *expected = NULL;
        size_t elength = 0;
        append(&expected, &elength, "", 0);
        while (*p && !(p[0] == '$' && p[1] == ' ')) {
            const char *end = strchr(p, '\n');
            size_t length = end ? (size_t)(end - p) + 1 : strlen(p);
            append(&expected, &elength, p, length);
            p += length;
            line++;
        }
        int status;
        char *got = run(command, &status);
        if (text_matches(expected, got, 1)) {
            passed++;
        } else {
            char *detail = NULL;
            size_t dlength = 0;
            append(&detail, &dlength, "  $ ", 4);
            append(&detail, &dlength, command, strlen(command));
            append(&detail, &dlength, "\n  --- the page shows:\n", 23);
            append(&detail, &dlength, expected, strlen(expected));
            append(&detail, &dlength, "  --- the command writes:\n", 26);
            append(&detail, &dlength, got, strlen(got));
            fail(document, start, "a command does not print what the page shows", detail);
            free(detail);
        }
        free(got);
        free(expected);
        free(command);
    }
}

/* The first word of the first line that is not blank nor a comment. */
static void first_word(const char *text, char *word, size_t size)
{
    word[0] = '\0';
    for (const char *p = text; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\n') {
            p++;
            continue;
        }
        if (*p == '#') {
            p = strchr(p, '\n');
            if (!p)
                return;
            p++;
            continue;
        }
        size_t n = strcspn(p, " \t\n");
        snprintf(word, size, "%.*s", (int)(n < size - 1 ? n : size - 1), p);
        return;
    }
}

static int is_declaration(const char *word)
{
    static const char *const words[] = {
        "policy", "politique", "source", "input", "donnée", "const", "constante", "let", "soit",
        "output", "résultat", "condition", "rule", "règle", "example", "exemple", "property",
        "propriété",
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(word, words[i]) == 0)
            return 1;
    return 0;
}

static void check_rules(const char *document, const struct block *b, const char *word)
{
    const char *directive = b->directive ? b->directive : "";
    char *context = NULL;
    if (strncmp(directive, "with ", 5) == 0) {
        context = read_file(directive + 5);
        if (!context) {
            fail(document, b->line, "the context named cannot be read", directive + 5);
            return;
        }
    }
    int whole = !context && (strcmp(word, "policy") == 0 || strcmp(word, "politique") == 0);
    if (!context && !whole) {
        fail(document, b->line, "a rule fragment with no context: say <!-- doctest: with FILE --> "
             "before it (the declarations it uses)", NULL);
        return;
    }
    const char *path = "build/doctest.rules";
    if (write_file(path, context ? context : "", b->text) != 0) {
        fail(document, b->line, "cannot write build/doctest.rules", NULL);
        free(context);
        return;
    }
    free(context);
    char command[1024];
    int status;
    snprintf(command, sizeof command, "%s test %s%s %s", rulec, sources ? "--sources " : "",
             sources ? sources : "", path);
    char *out = run(command, &status);
    if (status != 0)
        fail(document, b->line, "rulec test fails on this rule file", out);
    else
        passed++;
    free(out);
    if (whole && strcmp(directive, "part") != 0) {
        snprintf(command, sizeof command, "%s check %s%s %s", rulec, sources ? "--sources " : "",
                 sources ? sources : "", path);
        out = run(command, &status);
        if (status != 0)
            fail(document, b->line, "rulec check fails on this policy (say <!-- doctest: part --> "
                 "if it is shown in part)", out);
        else
            passed++;
        free(out);
    }
}

static void check_excerpt(const char *document, const struct block *b, const char *path)
{
    char *text = read_file(path);
    if (!text) {
        fail(document, b->line, "the file it is an excerpt of cannot be read", path);
        return;
    }
    if (text_matches(b->text, text, 0))
        passed++;
    else
        fail(document, b->line, "the block is not an excerpt of the file it names", path);
    free(text);
}

/* Every "SHA-256 " followed by hexadecimal digits on the page is the RAMQ rule file's own
 * (a prefix of it, when cut with "…"). */
static void check_hashes(const char *document, const char *text)
{
    static char digest[65];
    if (!digest[0]) {
        int status;
        char *out = run("sha256sum rules/ramq2018.rules", &status);
        snprintf(digest, sizeof digest, "%.64s", out);
        free(out);
    }
    int line = 1;
    for (const char *p = text; *p; p++) {
        if (*p == '\n')
            line++;
        if (strncmp(p, "SHA-256 ", 8) != 0)
            continue;
        const char *hex = p + 8;
        size_t n = strspn(hex, "0123456789abcdef");
        if (n < 8)
            continue;
        if (n <= 64 && strncmp(hex, digest, n) == 0)
            passed++;
        else
            fail(document, line, "a SHA-256 that is not the rule file's", digest);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: doctest RULEC [--sources DIR] DOCUMENT...\n", stderr);
        return 2;
    }
    rulec = argv[1];
    int first = 2;
    if (strcmp(argv[2], "--sources") == 0 && argc > 3) {
        sources = argv[3];
        first = 4;
    }
    int checked = 0;
    for (int d = first; d < argc; d++) {
        char *text = read_file(argv[d]);
        if (!text) {
            fail(argv[d], 0, "cannot be read", NULL);
            continue;
        }
        check_hashes(argv[d], text);
        struct block *blocks;
        int count = blocks_of(argv[d], text, &blocks);
        for (int i = 0; i < count; i++) {
            const struct block *b = &blocks[i];
            char word[64];
            first_word(b->text, word, sizeof word);
            int before = passed + failed;
            if (b->directive && strncmp(b->directive, "excerpt of ", 11) == 0)
                check_excerpt(argv[d], b, b->directive + 11);
            else if (strncmp(b->text, "$ ", 2) == 0)
                check_session(argv[d], b);
            else if (is_declaration(word))
                check_rules(argv[d], b, word);
            else if (b->directive)
                fail(argv[d], b->line, "a directive on a block that is neither a rule file nor a "
                     "session", b->directive);
            checked += passed + failed > before;
            free(b->text);
            free(b->directive);
        }
        free(blocks);
        free(text);
    }
    printf("documents: %d blocks checked; %d passed, %d failed\n", checked, passed, failed);
    return failed != 0;
}
