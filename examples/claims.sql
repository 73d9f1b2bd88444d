-- examples/claims.sql — the policy inside an analyst's SQLite database: which claims of
-- examples/claims.csv were sent late, through which channel, and which the policy refuses.
-- From the top directory, after `make sqlite`:
--     sqlite3 < examples/claims.sql
-- ramq2018(…) takes the inputs in the rule file's order (NULL or '' is an absent input) and
-- returns the answer as JSON, the same as `build/ramq2018 --json`; a claim it cannot decide
-- gets {"outcome":"rejected","error":"…"}, never an SQL error.
.bail on
.load build/sqlite/ramq2018
.import --csv examples/claims.csv demandes

CREATE TEMP VIEW reponses AS
SELECT no_demande,
       ramq2018(profession, demande, date_service, date_demande, systeme_initial,
                acces_ancien_systeme, date_etat_compte) AS reponse
FROM demandes;

.headers on
.mode box --wrap 60 --wordwrap on

.print
.print '1. Transmises après la date limite, par mode de facturation'
SELECT reponse ->> '$.canal' AS canal,
       count(*) AS demandes,
       group_concat(no_demande, ' ') AS numeros
FROM reponses
WHERE reponse ->> '$.hors_delai' = 1
GROUP BY canal
ORDER BY canal;

.print
.print '2. Issue et règle de chaque demande'
SELECT reponse ->> '$.outcome' AS issue,
       coalesce(reponse ->> '$.rule', '') AS regle,
       count(*) AS demandes
FROM reponses
GROUP BY issue, regle
ORDER BY issue, regle;

.print
.print '3. Demandes refusées ou que la source ne tranche pas'
SELECT no_demande,
       reponse ->> '$.outcome' AS issue,
       coalesce(reponse ->> '$.error', reponse ->> '$.reason') AS pourquoi
FROM reponses
WHERE reponse ->> '$.outcome' <> 'decided'
ORDER BY no_demande;

.print
.print '4. Le tableau 1 sans JSON : une fonction par partie de la réponse'
SELECT ramq2018_canal(profession, demande, date_service, date_demande, systeme_initial,
                      acces_ancien_systeme, date_etat_compte) AS canal,
       count(*) AS demandes
FROM demandes
WHERE ramq2018_hors_delai(profession, demande, date_service, date_demande, systeme_initial,
                          acces_ancien_systeme, date_etat_compte)
GROUP BY canal
ORDER BY canal;
