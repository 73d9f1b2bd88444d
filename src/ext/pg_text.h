/* src/ext/pg_text.h — the French text the PostgreSQL extension's SQL script holds besides the
 * policy's own: src/ext/pg_script.c writes it, and src/ext/postgres.c checks, when CREATE
 * EXTENSION runs the script, that the database's encoding can hold it.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_PG_TEXT_H
#define RULEC_PG_TEXT_H

/* The comment on <policy>_rules_sha256(); %s is the policy's name. */
#define PG_TEXT_SHA256_COMMENT \
    "SHA-256 du fichier de règles : la version des règles avec lesquelles %s décide"

/* The comments on <policy>_<key>(…) for the answer's keys besides its outputs, in
 * report_answer_keys's order (src/policy/report.h): each such function is bound to the C
 * function rulec_pg_<key> (src/ext/postgres.c, enum ext_part, in the same order). */
#define PG_PART_COMMENTS { \
    "Issue de la décision : decided, unspecified ou invalid ; rejected pour une demande refusée", \
    "Pourquoi la réponse est non précisée ou invalide (NULL si elle est décidée ou si la " \
    "demande est refusée)", \
    "La règle qui décide (NULL pour une demande refusée)", \
    "Les sections que cite la règle qui décide (NULL pour une demande refusée)", \
    "Pourquoi les passages lus ensemble disent cela (NULL si la règle n'en dit rien ou si la " \
    "demande est refusée)", \
    "Pourquoi la demande est refusée (NULL si elle ne l'est pas)" }

/* The comment on <policy>_<output>(…); %s is the output's label. */
#define PG_TEXT_OUTPUT_COMMENT "%s (NULL si la réponse ne le fixe pas ou si la demande est refusée)"

#endif
