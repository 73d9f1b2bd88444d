# tests/claims.awk — turns decide_bench's complete random claims (CSV with an id column) into
# the claims a database really holds: some fields empty, some values written another allowed
# way (1 and 0 for booleans), some refused (a misspelt member, a date that does not exist, a
# stray space). Writes the claims as CSV (for the database) to stdout and the same claims as
# JSON Lines, empty fields left out, to the file named by -v jsonl=FILE (for batch mode).
# With -v typed=1, only members are misspelt: a typed table holds no impossible date or
# boolean.
# Part of rulec; see README.md for the licence.
BEGIN { FS = ","; OFS = ","; srand(2018) }
NR == 1 { ncolumns = NF; for (i = 1; i <= NF; i++) name[i] = $i; print; next }
{
    # At most one refused value a row: which of two a program names first depends on the order
    # it reads them (a file's columns, a function's arguments), not on the policy.
    spoilt = 0
    for (i = 2; i <= ncolumns; i++) {
        r = rand()
        if (r < 0.06) $i = ""
        else if (r < 0.065 && !spoilt) { $i = bad($i); spoilt = $i != "" }
        else if ($i == "true" && r < 0.3) $i = "1"
        else if ($i == "false" && r < 0.3) $i = "0"
    }
    print
    line = "{"
    sep = ""
    for (i = 2; i <= ncolumns; i++) {
        if ($i == "") continue
        line = line sep "\"" name[i] "\":\"" $i "\""
        sep = ","
    }
    print line "}" > jsonl
}
function bad(value,    r) {
    r = rand()
    if (typed && (value ~ /^[0-9][0-9][0-9][0-9]-/ || value == "true" || value == "false"))
        return ""
    if (value ~ /^[0-9][0-9][0-9][0-9]-/) return r < 0.5 ? "2018-02-30" : "2018-4-01"
    if (value == "true" || value == "false") return r < 0.5 ? "oui" : " true"
    return r < 0.5 ? toupper(substr(value, 1, 1)) substr(value, 2) : value "s"
}
