/* src/ext/pg_text.h — the French text the PostgreSQL extension's SQL script holds besides the
 * policy's own: src/ext/pg_script.c writes it, and src/ext/postgres.c checks, when CREATE
 * EXTENSION runs the script, that the database's encoding can hold it.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_PG_TEXT_H
#define RULEC_PG_TEXT_H

/* The comment on <policy>_rules_sha256(); %s is the policy's name. */
#define PG_TEXT_SHA256_COMMENT \
    "SHA-256 du fichier de règles : la version des règles avec lesquelles %s décide"

#endif
