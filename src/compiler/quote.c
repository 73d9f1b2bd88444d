/* src/compiler/quote.c — verifies quotes against their sources' texts.
 * Part of rulec; see README.md for the licence.
 *
 * Both the text and the quote are normalized (quote_normalize), then the quote is searched
 * for as a substring; "…" (or "...", "[…]") in a quote stands for words left out, so its
 * pieces must appear in order. Sections come from the text's numbered headings: a line that
 * starts with "2.2" and a capital letter opens section 2.2 until the next heading. */
#define _XOPEN_SOURCE 700
#include "quote.h"
#include "quote_align.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---------------------------------------------------------------------------------------- */
/* Normalizing */

/* The code point at text (length bytes available) and its length; invalid UTF-8 reads as the
 * byte itself, one byte long. */
static unsigned quote_decode(const unsigned char *text, size_t length, size_t *size)
{
    unsigned lead = text[0];
    *size = 1;
    if (lead < 0x80)
        return lead;
    size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (n == 0 || n > length)
        return lead;
    unsigned point = lead & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((text[i] & 0xC0) != 0x80)
            return lead;
        point = point << 6 | (text[i] & 0x3F);
    }
    *size = n;
    return point;
}

enum quote_class { QUOTE_OTHER, QUOTE_SPACE, QUOTE_APOSTROPHE, QUOTE_MARK, QUOTE_DASH, QUOTE_DOTS };

static enum quote_class quote_classify(unsigned point)
{
    switch (point) {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
    case 0x00A0: case 0x2002: case 0x2003: case 0x2004: case 0x2005: case 0x2006:
    case 0x2007: case 0x2008: case 0x2009: case 0x200A: case 0x202F: case 0x205F:
    /* Bullets, including the private-use ones that PDF extraction leaves from Symbol and
     * Wingdings fonts. */
    case 0x2022: case 0x2023: case 0x2043: case 0x25AA: case 0x25CF: case 0x25E6:
    case 0x25A0: case 0xF0A7: case 0xF0B7: case 0xF0D8: case 0xF076: case 0xF0FC:
        return QUOTE_SPACE;
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC: case 0x2032: case '`':
        return QUOTE_APOSTROPHE;
    case '"': case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB:
    case 0x2039: case 0x203A:
        return QUOTE_MARK;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212:
        return QUOTE_DASH;
    case 0x2026:
        return QUOTE_DOTS;
    default:
        return QUOTE_OTHER;
    }
}

size_t quote_normalize(const char *text, size_t length, char *out, size_t *map)
{
    const unsigned char *bytes = (const unsigned char *)text;
    size_t n = 0;
    int pending_space = 0;
    size_t space_from = 0;
    for (size_t i = 0; i < length;) {
        size_t size;
        unsigned point = quote_decode(bytes + i, length - i, &size);
        enum quote_class class = quote_classify(point);
        if (class == QUOTE_SPACE) {
            if (!pending_space)
                space_from = i;
            pending_space = 1;
            i += size;
            continue;
        }
        /* A space is kept between words, not beside a quotation mark nor before : ; ! ?,
         * where French and English typography differ. */
        int glue = class == QUOTE_MARK || point == ':' || point == ';' || point == '!'
                   || point == '?';
        if (pending_space && n > 0 && !glue && out[n - 1] != '"') {
            if (map)
                map[n] = space_from;
            out[n++] = ' ';
        }
        pending_space = 0;
        const char *replacement = class == QUOTE_APOSTROPHE ? "'" : class == QUOTE_MARK ? "\""
                                  : class == QUOTE_DASH ? "-" : class == QUOTE_DOTS ? "..." : NULL;
        if (replacement) {
            for (const char *r = replacement; *r; r++) {
                if (map)
                    map[n] = i;
                out[n++] = *r;
            }
        } else {
            for (size_t k = 0; k < size; k++) {
                if (map)
                    map[n] = i + k;
                out[n++] = text[i + k];
            }
        }
        i += size;
    }
    if (map)
        map[n] = length;
    out[n] = '\0';
    return n;
}

/* ---------------------------------------------------------------------------------------- */
/* A source's text */

struct quote_heading {
    size_t offset;                 /* in the original text */
    char section[32];              /* "2.2" */
};

struct quote_text {
    const char *path;              /* as shown in messages */
    char *original;
    size_t length;
    char *normal;                  /* normalized, NUL-terminated */
    size_t normal_length;
    size_t *map;                   /* normal offset -> original offset */
    struct quote_heading *headings;
    int nheadings;
    int failed;                    /* the file could not be read: its quotes are unverified */
};

/* A heading line: optional spaces or bullets, "N" or "N.N…" (each part one or two digits),
 * spaces, then a capital letter. Writes the number into section. */
static int quote_heading_at(const char *line, const char *end, char *section, size_t size)
{
    const unsigned char *p = (const unsigned char *)line, *stop = (const unsigned char *)end;
    while (p < stop) {
        size_t length;
        unsigned point = quote_decode(p, (size_t)(stop - p), &length);
        if (quote_classify(point) != QUOTE_SPACE || point == '\n')
            break;
        p += length;
    }
    const unsigned char *start = p;
    for (;;) {
        int digits = 0;
        while (p < stop && *p >= '0' && *p <= '9' && digits < 3)
            p++, digits++;
        if (digits == 0 || digits > 2)
            return 0;
        if (p + 1 < stop && *p == '.' && p[1] >= '0' && p[1] <= '9') {
            p++;
            continue;
        }
        break;
    }
    size_t number = (size_t)(p - start);
    if (p >= stop || (*p != ' ' && *p != '\t') || number >= size)
        return 0;
    while (p < stop && (*p == ' ' || *p == '\t'))
        p++;
    /* A capital: A-Z, or À-Þ in UTF-8. */
    if (!(p < stop && ((*p >= 'A' && *p <= 'Z')
                       || (*p == 0xC3 && p + 1 < stop && p[1] >= 0x80 && p[1] <= 0x9E))))
        return 0;
    memcpy(section, start, number);
    section[number] = '\0';
    return 1;
}

static void quote_find_headings(struct arena *arena, struct quote_text *t)
{
    int capacity = 0;
    for (size_t i = 0; i < t->length; i++)
        capacity += t->original[i] == '\n';
    t->headings = arena_calloc(arena, (size_t)capacity + 2, sizeof *t->headings);
    for (size_t start = 0; start < t->length;) {
        const char *newline = memchr(t->original + start, '\n', t->length - start);
        size_t end = newline ? (size_t)(newline - t->original) : t->length;
        struct quote_heading *h = &t->headings[t->nheadings];
        if (quote_heading_at(t->original + start, t->original + end, h->section,
                             sizeof h->section)) {
            h->offset = start;
            t->nheadings++;
        }
        start = end + 1;
    }
}

/* The section that the normalized offset lies in, or NULL before the first heading. */
static const char *quote_section_of(const struct quote_text *t, size_t normal_offset)
{
    size_t offset = t->map[normal_offset];
    const char *section = NULL;
    for (int h = 0; h < t->nheadings && t->headings[h].offset <= offset; h++)
        section = t->headings[h].section;
    return section;
}

/* A source's text is a plain name inside the folder given with --sources: a rule file is often
 * checked in CI from someone else's pull request, and a name such as "../../etc/passwd" would
 * have the error's closest passage print what it must not read. Returns NULL, or what is
 * wrong with the name. */
static const char *quote_plain_name(const char *name)
{
    if (!name[0])
        return "le nom est vide";
    if (strchr(name, '/'))
        return "un nom de fichier sans « / » est attendu : le texte est lu dans le dossier "
               "--sources, pas ailleurs";
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return "« . » et « .. » ne nomment pas un fichier du dossier --sources";
    return NULL;
}

/* path, which is dir/name, resolved (symbolic links followed) must still lie in dir, and be a
 * plain file: a link leading out of the folder, or to a device or a pipe, is not read. Returns
 * the file opened by its resolved name, checked once opened (fstat), so that a link changed
 * in between is not followed; or NULL with the reason in error. */
static FILE *quote_open_inside(const char *dir, const char *path, char *error, size_t size)
{
    char *real_dir = realpath(dir, NULL), *real = real_dir ? realpath(path, NULL) : NULL;
    FILE *file = NULL;
    struct stat st;
    size_t n = real_dir ? strlen(real_dir) : 0;
    if (!real)
        snprintf(error, size, "%s", strerror(errno));
    else if (strcmp(real, real_dir) == 0)
        snprintf(error, size, "c'est le dossier %s lui-même", dir);
    else if (strncmp(real, real_dir, n) != 0 || (real[n] != '/' && n > 1))
        snprintf(error, size, "le fichier est un lien qui mène hors du dossier %s", dir);
    else if (stat(real, &st) != 0)
        snprintf(error, size, "%s", strerror(errno));
    else if (!S_ISREG(st.st_mode))
        snprintf(error, size, "ce n'est pas un fichier ordinaire");
    else if (!(file = fopen(real, "rb")))
        snprintf(error, size, "%s", strerror(errno));
    else if (fstat(fileno(file), &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(error, size, "ce n'est pas un fichier ordinaire");
        fclose(file);
        file = NULL;
    }
    free(real);
    free(real_dir);
    return file;
}

static int quote_load(struct arena *arena, struct quote_text *t, const char *dir,
                      const char *path, char *error, size_t size)
{
    memset(t, 0, sizeof *t);
    t->path = path;
    FILE *file = quote_open_inside(dir, path, error, size);
    if (!file)
        return -1;
    size_t length;
    t->original = arena_read_file(arena, file, &length);
    int saved = errno;
    fclose(file);
    if (!t->original) {
        snprintf(error, size, "%s", strerror(saved));
        return -1;
    }
    t->length = length;
    t->normal = arena_alloc(arena, 3 * length + 1);
    t->map = arena_alloc(arena, sizeof *t->map * (3 * length + 1));
    t->normal_length = quote_normalize(t->original, length, t->normal, t->map);
    quote_find_headings(arena, t);
    return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* Searching */

/* The leading section number of a citation ("2.2, Demande de révision" -> "2.2"), or "" when
 * the section is not numbered ("introduction"). */
static void quote_cited_number(const char *section, char *number, size_t size)
{
    size_t n = 0;
    while (n + 1 < size && ((section[n] >= '0' && section[n] <= '9')
                            || (section[n] == '.' && n > 0 && section[n + 1] >= '0'
                                && section[n + 1] <= '9')))
        n++;
    memcpy(number, section, n);
    number[n] = '\0';
}

/* found lies in cited: the same section or one of its subsections. */
static int quote_in_section(const char *found, const char *cited)
{
    size_t length = strlen(cited);
    return found && strncmp(found, cited, length) == 0
           && (found[length] == '\0' || found[length] == '.');
}

/* Splits the normalized quote at its elisions ("..."): pieces, trimmed, none empty. */
static int quote_pieces(struct arena *arena, const char *quote, const char **pieces, int max)
{
    int count = 0;
    char *copy = arena_strdup(arena, quote);
    char *p = copy;
    while (*p && count < max) {
        char *dots = strstr(p, "...");
        if (dots)
            *dots = '\0';
        /* "[...]" leaves its brackets behind. */
        size_t length = strlen(p);
        while (length > 0 && (p[length - 1] == ' ' || p[length - 1] == '['))
            p[--length] = '\0';
        while (*p == ' ' || *p == ']')
            p++;
        if (*p)
            pieces[count++] = p;
        if (!dots)
            break;
        p = dots + 3;
    }
    return count;
}

/* Where the quote's byte at (unescaped) reads in the rule file: the literal's bytes after its
 * opening mark, where \" and \\ are two bytes for one. Returns the offset of the byte, or of
 * the backslash before it; the literal's end for at = the quote's length. */
static size_t quote_literal_offset(const struct diag *diag, const struct ast_cite *cite, size_t at)
{
    size_t f = cite->quote_span.begin + 1, end = cite->quote_span.end - 1;
    for (size_t u = 0; u < at && f < end; u++)
        f += diag->text[f] == '\\' && f + 1 < end ? 2 : 1;
    return f;
}

/* The quote's bytes of its normalized words [qa, qb) (map: normalized offset to the quote's):
 * *from to *to, whole characters; an empty [qa, qb) gives the character where it stands when
 * whole is 1, nothing (from = to) when 0. */
static void quote_said_bytes(const struct ast_cite *cite, const size_t *map, size_t qa, size_t qb,
                             int whole, size_t *from, size_t *to)
{
    size_t length = strlen(cite->quote);
    *from = map[qa];
    *to = qa < qb ? map[qb - 1] + 1 : *from + (whole && *from < length);
    /* The last byte of a character several bytes long: up to its end. */
    while (*to < length && ((unsigned char)cite->quote[*to] & 0xC0) == 0x80)
        (*to)++;
}

/* The rule file's bytes of the quote's normalized words [qa, qb) (map: normalized offset to the
 * quote's), into *span, when the literal reads as the quote (the lexer's escapes undone); else
 * *span is left, the whole quote. An empty [qa, qb) marks the character where words are
 * missing. */
static void quote_words_span(const struct diag *diag, const struct ast_cite *cite,
                             const size_t *map, size_t qa, size_t qb, struct diag_span *span)
{
    size_t length = strlen(cite->quote), begin = cite->quote_span.begin, end = cite->quote_span.end;
    if (end > diag->length || end < begin + 2 || diag->text[begin] != '"' || diag->text[end - 1] != '"')
        return;
    /* The literal, its escapes undone, must be the quote: then the offsets below are its. */
    size_t f = begin + 1, u = 0;
    for (; f < end - 1 && u < length; f++, u++) {
        if (diag->text[f] == '\\' && f + 1 < end - 1)
            f++;
        if (diag->text[f] != cite->quote[u])
            return;
    }
    if (f != end - 1 || u != length)
        return;
    size_t from, to;
    quote_said_bytes(cite, map, qa, qb, 1, &from, &to);
    span->begin = quote_literal_offset(diag, cite, from);
    span->end = quote_literal_offset(diag, cite, to);
}

/* Looks for the pieces in order from each place the first occurs. Returns 1 found in the
 * cited section (or with nothing to compare), 2 found elsewhere only (*where: a section
 * it was found in), 0 not found. */
static int quote_search(const struct quote_text *t, const char **pieces, int npieces,
                        const char *cited, const char **where)
{
    int result = 0;
    const char *from = t->normal;
    const char *first;
    while (npieces > 0 && (first = strstr(from, pieces[0])) != NULL) {
        const char *next = first + strlen(pieces[0]);
        int i;
        for (i = 1; i < npieces; i++) {
            const char *piece = strstr(next, pieces[i]);
            if (!piece)
                break;
            next = piece + strlen(pieces[i]);
        }
        if (i < npieces)
            return result;                /* later occurrences cannot do better */
        const char *section = quote_section_of(t, (size_t)(first - t->normal));
        if (!cited[0] || quote_in_section(section, cited))
            return 1;
        if (result == 0)
            *where = section;
        result = 2;
        from = first + 1;
    }
    return result;
}

/* Moves *start back and *end on to word bounds, then by words more words each way. */
static void quote_widen(const struct quote_text *t, size_t *start, size_t *end, int words)
{
    for (int k = -1; k < words; k++) {
        if (k >= 0 && *start > 0)
            (*start)--;
        while (*start > 0 && t->normal[*start - 1] != ' ')
            (*start)--;
    }
    for (int k = -1; k < words; k++) {
        if (k >= 0 && *end < t->normal_length)
            (*end)++;
        while (*end < t->normal_length && t->normal[*end] != ' ')
            (*end)++;
    }
}

/* The passage of the text closest to the quote: where the longest run of the quote, taken
 * from the start of one of its words, occurs, widened to the quote's length on word bounds;
 * t->normal[*start .. *end). */
static void quote_closest(const struct quote_text *t, const char *quote, size_t *start, size_t *end)
{
    size_t qn = strlen(quote), tn = t->normal_length;
    size_t best = 0, best_q = 0, best_t = 0;
    for (size_t q = 0; q < qn; q++) {
        if (q > 0 && quote[q - 1] != ' ')
            continue;
        for (size_t i = 0; i < tn; i++) {
            if (t->normal[i] != quote[q])
                continue;
            size_t k = 0;
            while (q + k < qn && i + k < tn && t->normal[i + k] == quote[q + k])
                k++;
            if (k > best) {
                best = k;
                best_q = q;
                best_t = i;
            }
        }
    }
    *start = best_t > best_q ? best_t - best_q : 0;
    *end = *start + qn < tn ? *start + qn : tn;
    quote_widen(t, start, end, 0);
}

/* The text's own bytes of t->normal[from .. to): what the text says, shown as it is written
 * (normalizing glues quotation marks to words, and writes typographic ones straight). */
static char *quote_original(struct arena *arena, const struct quote_text *t, size_t from, size_t to)
{
    size_t begin = t->map[from], end = to < t->normal_length ? t->map[to] : t->length;
    char *out = arena_alloc(arena, end - begin + 1);
    size_t n = 0;
    /* What the normalizing reads as space (a line break, a non-breaking space, the bullets
     * that PDF extraction leaves) is one space here too, and none at the ends. */
    for (size_t i = begin, size; i < end; i += size) {
        const unsigned char *at = (const unsigned char *)t->original + i;
        if (quote_classify(quote_decode(at, end - i, &size)) == QUOTE_SPACE) {
            if (n > 0 && out[n - 1] != ' ')
                out[n++] = ' ';
            continue;
        }
        memcpy(out + n, at, size);
        n += size;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return out;
}

/* ---------------------------------------------------------------------------------------- */

void quote_verify(struct arena *arena, struct diag *diag, struct ast_file *file,
                  const char *dir, struct quote_counts *counts)
{
    memset(counts, 0, sizeof *counts);
    int nsources = 0;
    for (int i = 0; i < file->decls.count; i++)
        nsources += ((const struct ast_decl *)file->decls.items[i])->kind == AST_DECL_SOURCE;
    const struct ast_decl **sources = arena_calloc(arena, (size_t)nsources + 1, sizeof *sources);
    struct quote_text **texts = arena_calloc(arena, (size_t)nsources + 1, sizeof *texts);
    nsources = 0;
    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        if (decl->kind != AST_DECL_SOURCE)
            continue;
        sources[nsources] = decl;
        const char *wrong = decl->file.name ? quote_plain_name(decl->file.name) : NULL;
        if (wrong) {
            diag_error(diag, decl->file.span, "texte de la source '%s' : %s", decl->name.name,
                       wrong);
        } else if (dir && decl->file.name) {
            struct quote_text *t = texts[nsources] = arena_calloc(arena, 1, sizeof *t);
            const char *path = arena_printf(arena, "%s/%s", dir, decl->file.name);
            char error[256];
            if (quote_load(arena, t, dir, path, error, sizeof error) != 0) {
                diag_error(diag, decl->file.span, "texte de la source '%s' illisible : %s : %s",
                           decl->name.name, path, error);
                t->failed = 1;
            }
        }
        nsources++;
    }
    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        if (decl->kind != AST_DECL_RULE && decl->kind != AST_DECL_PROPERTY)
            continue;
        for (int c = 0; c < decl->cites.count; c++) {
            struct ast_cite *cite = decl->cites.items[c];
            const struct quote_text *t = NULL;
            const struct ast_decl *source = NULL;
            for (int s = 0; s < nsources; s++)
                if (strcmp(sources[s]->name.name, cite->source.name) == 0) {
                    t = texts[s];
                    source = sources[s];
                }
            if (source && !source->file.name) {
                counts->textless++;
                continue;
            }
            if (!cite->quote) {
                counts->no_quote++;
                continue;
            }
            if (!t || t->failed) {
                counts->unverified++;
                continue;
            }
            size_t length = strlen(cite->quote);
            char *quote = arena_alloc(arena, 3 * length + 1);
            size_t *map = arena_alloc(arena, sizeof *map * (3 * length + 1));
            quote_normalize(cite->quote, length, quote, map);
            const char *pieces[64];
            int npieces = quote_pieces(arena, quote, pieces, 64);
            char cited[32];
            quote_cited_number(cite->section, cited, sizeof cited);
            const char *where = NULL;
            switch (npieces ? quote_search(t, pieces, npieces, cited, &where) : 0) {
            case 1:
                counts->verified++;
                cite->found = QUOTE_FOUND;
                break;
            case 2:
                counts->verified++;
                cite->found = QUOTE_ELSEWHERE;
                counts->misplaced++;
                diag_warning(diag, cite->quote_span, "citation trouvée dans %s %s%s, pas dans "
                             "la section %s qu'elle cite", t->path,
                             where ? "en section " : "avant sa première section",
                             where ? where : "", cited);
                break;
            default: {
                size_t start, end;
                quote_closest(t, quote, &start, &end);
                counts->not_found++;
                cite->found = QUOTE_NOT_FOUND;
                /* The words where quote and passage part, named and marked where they can be:
                 * compared on a wider window (a quote that lacks words starts or ends further
                 * from the longest stretch it shares than its length says), and for a quote in
                 * one piece (with "…", which piece differs is another question). */
                size_t wide_start = start, wide_end = end;
                quote_widen(t, &wide_start, &wide_end, 12);
                const char *around = arena_strndup(arena, t->normal + wide_start, wide_end - wide_start);
                struct diag_span span = cite->quote_span;
                const char *part = "";
                struct quote_difference d;
                enum quote_parting parting = npieces == 1 && !strstr(quote, "...")
                                             ? quote_difference(arena, quote, around, &d) : QUOTE_APART;
                /* The passage the quote stands for, as the alignment found it; else the
                 * closest stretch of the quote's length. */
                if (parting != QUOTE_APART) {
                    start = wide_start + d.from;
                    end = wide_start + d.to;
                }
                const char *passage = quote_original(arena, t, start, end);
                const char *section = t->normal_length
                                      ? quote_section_of(t, start < t->normal_length ? start : t->normal_length - 1)
                                      : NULL;
                if (parting == QUOTE_MARKS)
                    part = " : ses mots sont ceux du texte, sa ponctuation ou ses guillemets non";
                if (parting == QUOTE_WORDS) {
                    /* The quote's words as the rule file gives them, and the text's as it
                     * writes them: neither normalized. */
                    size_t from, to;
                    quote_said_bytes(cite, map, d.qa, d.qb, 0, &from, &to);
                    char *said = arena_strndup(arena, cite->quote + from, to - from);
                    char *text = quote_original(arena, t, wide_start + d.pa, wide_start + d.pb);
                    part = d.qa == d.qb ? arena_printf(arena, " : il y manque « %s », que le texte a ici", text)
                           : d.pa == d.pb ? arena_printf(arena, " : « %s » n'est pas dans le texte", said)
                           : d.at_edge ? arena_printf(arena, " : « %s » n'est pas dans le texte, qui a ici « %s »",
                                                      said, text)
                           : arena_printf(arena, " : « %s » où le texte dit « %s »", said, text);
                    quote_words_span(diag, cite, map, d.qa, d.qb, &span);
                }
                diag_error(diag, span, "citation introuvable dans %s%s ; passage le plus proche%s%s : "
                           "« %s »", t->path, part, section ? ", section " : "",
                           section ? section : "", passage);
                break;
            }
            }
        }
    }
}
