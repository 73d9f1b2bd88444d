#!/bin/sh
# tests/install.sh — make install as a user would: into a temporary prefix, then with DESTDIR;
# the README's C example built against the installed library through pkg-config, statically
# and dynamically, and run; the man pages rendered with man -l; make uninstall leaves nothing.
# Part of rulec; see README.md for the licence.
# usage: tests/install.sh      (from the top directory; make install-test)
. tests/lib.sh
top=$(pwd)
expected='ancien_systeme by 20180515 (RAMQ, Infolettre 375, 28 février 2018, section 1.1)'

prefix=$work/prefix
if make -s install PREFIX="$prefix" > "$work/install.out" 2>&1; then pass; else
    fail "make install PREFIX=$prefix"; cat "$work/install.out"; fi
# A prefix the loader does not search: make install says what to do about it.
if grep -q "LD_LIBRARY_PATH=$prefix/lib" "$work/install.out"; then pass; else
    fail "make install into $prefix does not say how programs find the library: $(cat "$work/install.out")"; fi
version=$(sed -n 's/^#define RULEC_VERSION "\(.*\)"$/\1/p' include/rulec/rulec.h)
major=${version%%.*}
for f in bin/rulec lib/librulec.a "lib/librulec.so.$version" include/rulec/rulec.h \
         lib/pkgconfig/rulec.pc share/man/man1/rulec.1 share/man/man5/rulec-language.5; do
    if [ -f "$prefix/$f" ]; then pass; else fail "not installed: $f"; fi
done
if [ "$(readlink "$prefix/lib/librulec.so")" = "librulec.so.$major" ] &&
   [ "$(readlink "$prefix/lib/librulec.so.$major")" = "librulec.so.$version" ]; then pass; else
    fail "librulec.so symbolic links"; fi
# The soname is the major version, so that a program keeps working across minor ones.
if objdump -p "$prefix/lib/librulec.so.$version" | grep -q "SONAME *librulec.so.$major\$"; then
    pass; else fail "the shared library's soname is not librulec.so.$major"; fi

# A billing developer's road: the installed rulec compiles the rules, pkg-config gives the
# flags, the README's example links against the installed library.
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
if [ "$(pkg-config --modversion rulec)" = "$version" ]; then pass; else
    fail "pkg-config --modversion rulec"; fi
if [ "$(pkg-config --cflags rulec | sed 's/ *$//')" = "-I$prefix/include" ]; then pass; else
    fail "pkg-config --cflags rulec: $(pkg-config --cflags rulec)"; fi
mkdir -p "$work/app"
if "$prefix/bin/rulec" compile rules/ramq2018.rules -o "$work/app" > /dev/null &&
   cmp -s "$work/app/ramq2018.c" gen/ramq2018.c; then pass; else
    fail "the installed rulec does not write gen/ramq2018.c"; fi
cp examples/decide.c "$work/app/"
cd "$work/app"
# shellcheck disable=SC2046  # pkg-config's output is words
if cc -std=c99 -Wall -Wextra -pedantic -Werror decide.c ramq2018.c \
      $(pkg-config --cflags --libs rulec) -o decide 2> cc.err; then pass; else
    fail "cc decide.c ramq2018.c \$(pkg-config --cflags --libs rulec)"; cat cc.err; fi
if [ "$(LD_LIBRARY_PATH="$prefix/lib" ./decide)" = "$expected" ]; then pass; else
    fail "the example linked to librulec.so prints '$(LD_LIBRARY_PATH="$prefix/lib" ./decide 2>&1)'"; fi
if LD_LIBRARY_PATH="$prefix/lib" ldd ./decide | grep -q "librulec.so.$major => $prefix/lib/"; then
    pass; else fail "the example does not load the installed librulec.so.$major"; fi
# Static linking: librulec.a, from the directory pkg-config names.
if cc -std=c99 decide.c ramq2018.c $(pkg-config --cflags rulec) \
      "$(pkg-config --variable=libdir rulec)/librulec.a" -o decide-static 2> cc.err &&
   ! ldd ./decide-static | grep -q librulec &&
   [ "$(./decide-static)" = "$expected" ]; then pass; else
    fail "the example linked to librulec.a"; cat cc.err; fi
cd "$top"

# One version everywhere: rulec --version, pkg-config, the installed header's macros and the
# installed library's own functions, as a program built against them sees them.
cat > "$work/version.c" <<'C'
#include <stdio.h>
#include <rulec/rulec.h>
int main(void)
{
    printf("%s %d %s %d\n", RULEC_VERSION, RULEC_VERSION_NUMBER, rulec_libversion(),
           rulec_libversion_number());
    return RULEC_VERSION_NUMBER == rulec_libversion_number() ? 0 : 1;
}
C
number=$(echo "$version" | awk -F. '{ print $1 * 1000000 + $2 * 1000 + $3 }')
# shellcheck disable=SC2046  # pkg-config's output is words
if cc -std=c99 -Wall -Wextra -pedantic -Werror "$work/version.c" $(pkg-config --cflags --libs rulec) \
      -o "$work/version" 2> "$work/cc.err" &&
   [ "$(LD_LIBRARY_PATH="$prefix/lib" "$work/version")" = "$version $number $version $number" ] &&
   [ "$("$prefix/bin/rulec" --version)" = "rulec $(pkg-config --modversion rulec)" ]; then pass; else
    fail "versions: $(LD_LIBRARY_PATH="$prefix/lib" "$work/version" 2>&1) / $("$prefix/bin/rulec" --version) / pkg-config $(pkg-config --modversion rulec)"
    cat "$work/cc.err"; fi
# The header compiles as C++ too (extern "C"): a C++ program links the C library.
if command -v c++ > /dev/null 2>&1; then
    cp "$work/version.c" "$work/version.cc"
    # shellcheck disable=SC2046
    if c++ -Wall -Wextra -pedantic -Werror "$work/version.cc" $(pkg-config --cflags --libs rulec) \
          -o "$work/version-cc" 2> "$work/cc.err" &&
       [ "$(LD_LIBRARY_PATH="$prefix/lib" "$work/version-cc")" = "$version $number $version $number" ]; then
        pass; else fail "the header in C++"; cat "$work/cc.err"; fi
fi

# Into the system, as a new user with sudo would: make install, then the example runs with no
# LD_LIBRARY_PATH (make install rebuilt the loader's cache); make uninstall removes it all.
# Only as root, and only where no rulec is installed already (a machine's own is left alone).
if [ "$(id -u)" = 0 ] && [ ! -e /usr/local/lib/librulec.so ] && [ ! -e /usr/local/bin/rulec ]; then
    if make -s install > "$work/system.out" 2>&1 &&
       cc -std=c99 "$work/app/decide.c" "$work/app/ramq2018.c" -lrulec -o "$work/decide-system" 2> "$work/cc.err" &&
       [ "$(env -u LD_LIBRARY_PATH "$work/decide-system")" = "$expected" ] &&
       ldd "$work/decide-system" | grep -q "librulec.so.$major => /usr/local/lib/librulec.so.$major"; then
        pass; else fail "make install into /usr/local: the example does not run without LD_LIBRARY_PATH"
        cat "$work/system.out" "$work/cc.err"; fi
    if make -s uninstall > /dev/null 2>&1 && [ ! -e /usr/local/lib/librulec.so ] &&
       [ ! -e /usr/local/include/rulec ] && ! ldconfig -p | grep -q librulec; then pass; else
        fail "make uninstall from /usr/local left librulec behind"; fi
else
    echo "install: into /usr/local not tried (not root, or a rulec is installed there already)"
fi

# The man pages render without a warning.
for page in share/man/man1/rulec.1 share/man/man5/rulec-language.5; do
    if MANWIDTH=80 man --warnings -l "$prefix/$page" > "$work/page" 2> "$work/warnings" &&
       [ ! -s "$work/warnings" ] && [ -s "$work/page" ]; then pass; else
        fail "man -l $page"; head -5 "$work/warnings"; fi
done
if grep -q '^STATUT DE SORTIE' "$work/page" || MANWIDTH=80 man -l "$prefix/share/man/man1/rulec.1" 2>/dev/null |
   grep -q '^STATUT DE SORTIE'; then pass; else fail "rulec(1) has no exit status section"; fi
# Every command of rulec --help is in rulec(1).
MANWIDTH=200 man -l "$prefix/share/man/man1/rulec.1" 2>/dev/null > "$work/rulec.1.txt"
for command in $("$prefix/bin/rulec" --help | sed -n 's/^  \([a-z]*\)  .*/\1/p'); do
    if grep -q "^       $command\$\|^       $command  " "$work/rulec.1.txt"; then pass; else
        fail "rulec(1) does not describe the command $command"; fi
done

if make -s uninstall PREFIX="$prefix" > /dev/null 2>&1 &&
   [ -z "$(find "$prefix" -type f -o -type l)" ]; then pass; else
    fail "make uninstall left: $(find "$prefix" -type f -o -type l | tr '\n' ' ')"; fi

# Packagers stage with DESTDIR: files land under it, rulec.pc names the final prefix.
stage=$work/stage
if make -s install PREFIX=/usr DESTDIR="$stage" > /dev/null 2>&1 &&
   [ -x "$stage/usr/bin/rulec" ] &&
   grep -qx 'prefix=/usr' "$stage/usr/lib/pkgconfig/rulec.pc"; then pass; else
    fail "make install DESTDIR=$stage PREFIX=/usr"; fi
if make -s uninstall PREFIX=/usr DESTDIR="$stage" > /dev/null 2>&1 &&
   [ -z "$(find "$stage" -type f -o -type l)" ]; then pass; else
    fail "make uninstall DESTDIR: left $(find "$stage" -type f -o -type l | tr '\n' ' ')"; fi

# The policy program names the version of the rules it decides with.
sha=$(sha256sum rules/ramq2018.rules | cut -d' ' -f1)
if build/ramq2018 --version | grep -qx "règles : rules/ramq2018.rules, SHA-256 $sha" &&
   grep -qx "#define RAMQ2018_SHA256 \"$sha\"" gen/ramq2018.h; then pass; else
    fail "build/ramq2018 --version or RAMQ2018_SHA256 is not the rule file's SHA-256"; fi

finish install
