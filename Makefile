# Makefile — builds rulec, the ramq2018 tables and program, and runs every test.
# Part of rulec; see README.md for the licence.
#
#   make           build/rulec, gen/ramq2018.{h,c} (when stale), build/ramq2018
#   make demo      decide the example claims in examples/claims.txt, then examples/claims.csv
#   make check     every test: unit, golden diagnostics, end to end, policy examples
#   make SANITIZER=address|undefined check    the same under a sanitizer
#   make WERROR=1 ...                          warnings are errors
#   make bench     rulec against a hand-written if-chain, CLIPS and json-rules-engine
#   make bench-scale   synthetic policies of 100 to 100,000 rules: compile time, size, speed

CC ?= cc
# A sanitized build lives apart, so that its objects never mix with the plain ones.
BUILD := build$(if $(SANITIZER),/sanitize-$(SANITIZER))
POLICY := ramq2018
RULES := rules/$(POLICY).rules

WARNINGS := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wwrite-strings -Wundef
CSTD := -std=c11
OPT ?= -O2 -g
CFLAGS_ALL := $(CSTD) $(OPT) $(WARNINGS) -MMD -MP
# flex and bison output is compiled with a relaxed set: it is not ours to fix.
CFLAGS_GENERATED := $(CSTD) $(OPT) -Wall -Wno-unused-function -Wno-sign-compare -MMD -MP

ifeq ($(WERROR),1)
CFLAGS_ALL += -Werror
endif

ifneq ($(SANITIZER),)
ifeq ($(filter $(SANITIZER),address undefined),)
$(error SANITIZER must be address or undefined, not '$(SANITIZER)')
endif
SANITIZE := -fsanitize=$(SANITIZER) -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1
CFLAGS_ALL += $(SANITIZE)
CFLAGS_GENERATED += $(SANITIZE)
LDFLAGS += $(SANITIZE)
endif

# The parts, each a folder with its own include path, so that a module can include only what
# its part may use:
#   runtime   src/runtime    librulec: decides with compiled tables (include/rulec/rulec.h)
#   policy    src/policy     runs a compiled policy: the policy program's command line, batch
#                            mode, explanations, the answers of both database extensions
#   compiler  src/compiler   the front end (parse, check), the analyses (diagram, regions,
#                            properties, diff) and the lowering to runtime tables
#   backend   src/backend    the C backend: the tables and the typed API as C
#   rulec     src/rulec      rulec's commands, which use all the others
# The runtime includes only its header; the policy part the runtime's and its own; the
# compiler the runtime's, its own and the parser's; the backend the compiler's too.
RUNTIME_INCLUDES := -Iinclude
POLICY_INCLUDES := -Iinclude -Isrc/policy
COMPILER_INCLUDES := -Iinclude -Isrc/compiler -I$(BUILD)/grammar
BACKEND_INCLUDES := $(COMPILER_INCLUDES) -Isrc/backend
RULEC_INCLUDES := $(BACKEND_INCLUDES) -Isrc/policy -Isrc/rulec
# Tests and fuzzers see every part.
INCLUDES := $(RULEC_INCLUDES)

objects_of = $(patsubst %.c,$(BUILD)/%.o,$(sort $(1)))
RUNTIME_SOURCES := $(wildcard src/runtime/*.c)
POLICY_SOURCES := $(filter-out src/policy/policy_main.c,$(wildcard src/policy/*.c))
COMPILER_SOURCES := $(wildcard src/compiler/*.c)
BACKEND_SOURCES := $(wildcard src/backend/*.c)
RULEC_SOURCES := $(filter-out src/rulec/rulec.c,$(wildcard src/rulec/*.c))
RUNTIME_OBJECTS := $(call objects_of,$(RUNTIME_SOURCES))
POLICY_OBJECTS := $(call objects_of,$(POLICY_SOURCES))
COMPILER_OBJECTS := $(call objects_of,$(COMPILER_SOURCES)) $(BUILD)/grammar/parser.o $(BUILD)/grammar/lexer.o
BACKEND_OBJECTS := $(call objects_of,$(BACKEND_SOURCES))
RULEC_OBJECTS := $(call objects_of,$(RULEC_SOURCES))

.PHONY: all deps check-deps demo doc doc-test check unit-tests golden e2e language-test doc-examples batch-tests policy-tests generated-strict \
        synthetic-tests limit-tests bench bench-scale fuzz fuzz-build valgrind clean \
        library install uninstall install-test sqlite sqlite-deps sqlite-test \
        postgres postgres-deps postgres-install postgres-uninstall postgres-test sharded-test editors-test \
        abi-deps abi-baseline abi-check abi-test
.DEFAULT_GOAL := all

all: deps $(BUILD)/rulec $(BUILD)/$(POLICY)

# What a fresh Debian machine lacks: installed with apt-get as root, else the exact command is
# printed. $(1): "command:package" or "/header/path:package" pairs.
define require
	@missing=""; \
	for pair in $(1); do \
	  thing=$${pair%%:*}; package=$${pair#*:}; \
	  case $$thing in \
	  /*) [ -e "$$thing" ] || missing="$$missing $$package" ;; \
	  *) command -v "$$thing" >/dev/null 2>&1 || missing="$$missing $$package" ;; \
	  esac; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null || exit 1; \
	  else \
	    echo "missing:$$missing; run: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call require,flex:flex bison:bison)

# The tests also need cmocka, clang to compile the generated code a second way, time(1) to
# show that batch mode's memory does not grow with the input, Chromium to render the
# auditor's report as a person sees it (tests/doc.sh), pkg-config and man to use what make
# install installs as a user would (tests/install.sh), the sqlite3 shell, whose JSON
# functions read --diagnostics=json back (tests/golden.sh), and node, npm and vim for the
# editors' files (tests/editors.sh).
check-deps:
	$(call require,/usr/include/cmocka.h:libcmocka-dev clang:clang /usr/bin/time:time chromium:chromium \
	  pkg-config:pkgconf man:man-db sqlite3:sqlite3 node:nodejs npm:npm vim:vim pdfinfo:poppler-utils)

# The keywords are listed once, in grammar/keywords.tab; tools/mkkeywords.awk writes the
# parser's %token line into its copy of parser.y (one line for one: bison's line numbers are
# the file's), keywords.c's table, and the sorted words the scanner looks words up in.
KEYWORDS := grammar/keywords.tab tools/mkkeywords.awk
KEYWORD_TABLES := $(BUILD)/grammar/keyword_table.inc $(BUILD)/grammar/keyword_words.inc

$(BUILD)/grammar/parser.y: grammar/parser.y $(KEYWORDS)
	@mkdir -p $(BUILD)/grammar
	awk -v what=tokens -f tools/mkkeywords.awk grammar/keywords.tab > $@.tokens
	awk -v tokens="$$(cat $@.tokens)" '$$0 == "%token @KEYWORDS@" { print tokens; next } { print }' \
	  grammar/parser.y > $@.tmp
	grep -q '^%token POLICY ' $@.tmp && mv $@.tmp $@ && rm -f $@.tokens

$(BUILD)/grammar/keyword_table.inc: $(KEYWORDS)
	@mkdir -p $(BUILD)/grammar
	awk -v what=table -f tools/mkkeywords.awk grammar/keywords.tab > $@.tmp && mv $@.tmp $@

$(BUILD)/grammar/keyword_words.inc: $(KEYWORDS)
	@mkdir -p $(BUILD)/grammar
	awk -v what=words -f tools/mkkeywords.awk grammar/keywords.tab > $@.words
	LC_ALL=C sort $@.words | awk '{ printf "    { \"%s\", %s, %s },\n", $$1, $$2, $$3 }' > $@.tmp
	mv $@.tmp $@ && rm -f $@.words

$(BUILD)/grammar/parser.c $(BUILD)/grammar/parser.h &: $(BUILD)/grammar/parser.y | deps
	bison -Wall -Werror --header=$(BUILD)/grammar/parser.h -o $(BUILD)/grammar/parser.c $<

$(BUILD)/src/compiler/keywords.o: $(KEYWORD_TABLES)

$(BUILD)/grammar/lexer.c $(BUILD)/grammar/lexer.h &: grammar/lexer.l | deps
	@mkdir -p $(BUILD)/grammar
	flex --header-file=$(BUILD)/grammar/lexer.h -o $(BUILD)/grammar/lexer.c $<

$(BUILD)/grammar/%.o: $(BUILD)/grammar/%.c $(BUILD)/grammar/parser.h $(BUILD)/grammar/lexer.h
	$(CC) $(CFLAGS_GENERATED) $(COMPILER_INCLUDES) -c $< -o $@

$(BUILD)/src/runtime/%.o: src/runtime/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(RUNTIME_INCLUDES) -c $< -o $@

$(BUILD)/src/policy/%.o: src/policy/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(POLICY_INCLUDES) -c $< -o $@

$(BUILD)/src/compiler/%.o: src/compiler/%.c $(BUILD)/grammar/parser.h $(BUILD)/grammar/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(COMPILER_INCLUDES) -c $< -o $@

$(BUILD)/src/backend/%.o: src/backend/%.c $(BUILD)/grammar/parser.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(BACKEND_INCLUDES) -c $< -o $@

$(BUILD)/src/rulec/%.o: src/rulec/%.c $(BUILD)/grammar/parser.h $(BUILD)/grammar/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(RULEC_INCLUDES) -c $< -o $@

$(BUILD)/rulec: $(BUILD)/src/rulec/rulec.o $(RULEC_OBJECTS) $(BACKEND_OBJECTS) $(COMPILER_OBJECTS) \
                $(POLICY_OBJECTS) $(RUNTIME_OBJECTS)
	$(CC) $(LDFLAGS) $^ -o $@

# The generated tables are committed, and regenerated when the rules or rulec change; the
# quotes are verified on the way when the source texts are there (SOURCES, below).
gen/$(POLICY).c gen/$(POLICY).h &: $(RULES) $(BUILD)/rulec
	@mkdir -p gen
	$(BUILD)/rulec compile $(SOURCES) $(RULES) -o gen

$(BUILD)/gen/$(POLICY).o: gen/$(POLICY).c gen/$(POLICY).h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Igen -Iinclude -c $< -o $@

$(BUILD)/src/policy/policy_main.o: src/policy/policy_main.c gen/$(POLICY).h
	$(CC) $(CFLAGS_ALL) -Igen $(POLICY_INCLUDES) -DPOLICY_HEADER='"$(POLICY).h"' \
	  -DPOLICY_TABLES=$(POLICY)_policy -c $< -o $@

$(BUILD)/decide: examples/decide.c $(BUILD)/gen/$(POLICY).o $(RUNTIME_OBJECTS)
	$(CC) $(CFLAGS_ALL) -Igen $(filter %.c %.o,$^) $(LDFLAGS) -o $@

$(BUILD)/why_not: examples/why_not.c $(BUILD)/gen/$(POLICY).o $(RUNTIME_OBJECTS)
	$(CC) $(CFLAGS_ALL) -Igen -Iinclude $(filter %.c %.o,$^) $(LDFLAGS) -o $@

$(BUILD)/$(POLICY): $(BUILD)/src/policy/policy_main.o $(BUILD)/gen/$(POLICY).o $(POLICY_OBJECTS) $(RUNTIME_OBJECTS)
	$(CC) $(LDFLAGS) $^ -o $@

demo: all
	@tests/demo.sh $(BUILD)/$(POLICY) examples/claims.txt
	@echo "================================================================================"
	@echo "Mode lot : $(BUILD)/$(POLICY) --batch < examples/claims.csv"
	@$(BUILD)/$(POLICY) --batch < examples/claims.csv; echo "(statut de sortie : $$?)"
	@echo "================================================================================"
	@$(BUILD)/rulec doc $(SOURCES) $(RULES) -o $(BUILD)/doc > /dev/null
	@echo "Rapport de l'auditeur : $(BUILD)/doc/$(POLICY).html (make doc)"

# The auditor's report: one self-contained French HTML page.
doc: $(BUILD)/rulec
	$(BUILD)/rulec doc $(SOURCES) $(RULES) -o $(BUILD)/doc

# It is looked at in a real browser: headless Chromium renders it, the DOM must hold every
# rule and reason, and a screenshot is saved beside it.
doc-test: doc | check-deps
	@tests/doc.sh $(BUILD)/rulec $(RULES) $(BUILD)/doc/$(POLICY).html

# Install --------------------------------------------------------------------------------
# make install PREFIX=/usr/local DESTDIR=   rulec, librulec (static and shared, with a soname),
# include/rulec/rulec.h, rulec.pc and the man pages rulec(1), rulec-language(5); make uninstall
# removes exactly those files. The runtime is what a program links beside the tables that
# rulec compile writes for it; its version is rulec's.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR := $(PREFIX)/bin
LIBDIR := $(PREFIX)/lib
INCLUDEDIR := $(PREFIX)/include
MANDIR := $(PREFIX)/share/man
PKGCONFIGDIR := $(LIBDIR)/pkgconfig
VERSION := $(shell sed -n 's/^\#define RULEC_VERSION "\(.*\)"$$/\1/p' include/rulec/rulec.h)
SONAME_MAJOR := $(firstword $(subst ., ,$(VERSION)))
LIBRARY_SONAME := librulec.so.$(SONAME_MAJOR)
LIBRARY_SHARED := librulec.so.$(VERSION)
# The shared library's objects are position-independent and built apart.
RUNTIME_PIC_OBJECTS := $(RUNTIME_OBJECTS:$(BUILD)/%.o=$(BUILD)/pic/%.o)

$(BUILD)/pic/src/runtime/%.o: src/runtime/%.c include/rulec/rulec.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fPIC -Iinclude -c $< -o $@

$(BUILD)/lib/librulec.a: $(RUNTIME_OBJECTS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/lib/$(LIBRARY_SHARED): $(RUNTIME_PIC_OBJECTS)
	@mkdir -p $(dir $@)
	$(CC) -shared -Wl,-soname,$(LIBRARY_SONAME) $(LDFLAGS) $^ -o $@

$(BUILD)/lib/rulec.pc: tools/rulec.pc.in include/rulec/rulec.h
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' $< > $@

# The prefix is written into rulec.pc, so a change of PREFIX must rebuild it.
.PHONY: $(BUILD)/lib/rulec.pc

library: $(BUILD)/lib/librulec.a $(BUILD)/lib/$(LIBRARY_SHARED)

install: all library $(BUILD)/lib/rulec.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/rulec \
	  $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(BUILD)/rulec $(DESTDIR)$(BINDIR)/rulec
	install -m 644 $(BUILD)/lib/librulec.a $(DESTDIR)$(LIBDIR)/librulec.a
	install -m 755 $(BUILD)/lib/$(LIBRARY_SHARED) $(DESTDIR)$(LIBDIR)/$(LIBRARY_SHARED)
	ln -sf $(LIBRARY_SHARED) $(DESTDIR)$(LIBDIR)/$(LIBRARY_SONAME)
	ln -sf $(LIBRARY_SONAME) $(DESTDIR)$(LIBDIR)/librulec.so
	install -m 644 include/rulec/rulec.h $(DESTDIR)$(INCLUDEDIR)/rulec/rulec.h
	install -m 644 $(BUILD)/lib/rulec.pc $(DESTDIR)$(PKGCONFIGDIR)/rulec.pc
	install -m 644 man/rulec.1 $(DESTDIR)$(MANDIR)/man1/rulec.1
	install -m 644 man/rulec-language.5 $(DESTDIR)$(MANDIR)/man5/rulec-language.5
	$(call refresh_loader)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rulec $(DESTDIR)$(LIBDIR)/librulec.a \
	  $(DESTDIR)$(LIBDIR)/$(LIBRARY_SHARED) $(DESTDIR)$(LIBDIR)/$(LIBRARY_SONAME) \
	  $(DESTDIR)$(LIBDIR)/librulec.so $(DESTDIR)$(INCLUDEDIR)/rulec/rulec.h \
	  $(DESTDIR)$(PKGCONFIGDIR)/rulec.pc $(DESTDIR)$(MANDIR)/man1/rulec.1 \
	  $(DESTDIR)$(MANDIR)/man5/rulec-language.5
	-rmdir $(DESTDIR)$(INCLUDEDIR)/rulec 2>/dev/null
	@if [ -z "$(DESTDIR)" ] && [ -n "$(LDCONFIG)" ] && [ "$$(id -u)" = 0 ] && [ -x "$(LDCONFIG_COMMAND)" ]; then $(LDCONFIG_COMMAND); fi

# The dynamic loader finds librulec.so.$(SONAME_MAJOR) through its cache: installed as root
# (no DESTDIR), the cache is rebuilt, as Debian's packages do; when the loader still does not
# look in LIBDIR (a prefix of one's own), what to do is printed. LDCONFIG= skips both.
LDCONFIG ?= ldconfig
# ldconfig lives in /sbin, outside a user's PATH on Debian.
LDCONFIG_COMMAND = $(shell command -v $(LDCONFIG) 2>/dev/null || echo /sbin/$(LDCONFIG))
define refresh_loader
	@if [ -z "$(DESTDIR)" ] && [ -n "$(LDCONFIG)" ]; then \
	  if [ "$$(id -u)" = 0 ] && [ -x "$(LDCONFIG_COMMAND)" ]; then $(LDCONFIG_COMMAND); fi; \
	  if ! "$(LDCONFIG_COMMAND)" -p 2>/dev/null | grep -q "=> $(LIBDIR)/$(LIBRARY_SONAME)\$$"; then \
	    echo "make: the loader does not look in $(LIBDIR): run programs with LD_LIBRARY_PATH=$(LIBDIR), or add $(LIBDIR) to /etc/ld.so.conf.d/ and run sudo ldconfig"; \
	  fi; \
	fi
endef
# Installs into a temporary prefix (and a DESTDIR), builds the README's C example against it
# with pkg-config, runs it, renders the man pages, and uninstalls.
# The script's own make runs the plain build, whatever sanitizer this one has (make exports
# its command line's variables to the environment too): a program built against the installed
# library is not sanitized.
install-test: all | check-deps
	@env -u MAKEFLAGS -u MAKELEVEL -u SANITIZER WERROR=$(WERROR) tests/install.sh

# ABI ------------------------------------------------------------------------------------
# The shared library's ABI as libabigail reads it from its debugging information, restricted
# to the public header: abi/librulec.abi is the baseline, committed; make abi-check fails on an
# incompatible change unless the soname and the baseline changed with it (tools/abi-check.sh).
ABI_BASELINE := abi/librulec.abi
ABIDW_FLAGS := --no-corpus-path --no-comp-dir-path --short-locs --drop-private-types \
               --headers-dir include/rulec

abi-deps:
	$(call require,abidw:abigail-tools abidiff:abigail-tools objdump:binutils)

abi-baseline: $(BUILD)/lib/$(LIBRARY_SHARED) | abi-deps
	@mkdir -p $(dir $(ABI_BASELINE))
	abidw $(ABIDW_FLAGS) --out-file $(ABI_BASELINE) $<

abi-check: $(BUILD)/lib/$(LIBRARY_SHARED) | abi-deps
	@tools/abi-check.sh $(ABI_BASELINE) $< include/rulec

# The check itself, shown failing on a layout change and passing on an addition.
abi-test: | abi-deps
	@tests/abi.sh

# Databases ------------------------------------------------------------------------------
# The policy as an SQL function, in SQLite (a loadable extension) and PostgreSQL (PGXS). Both
# link the same position-independent objects: the runtime, the tables, and the JSON writer
# that --json and batch mode use (src/policy/answer.c over report.c and sink.c).
EXT_PIC_OBJECTS := $(RUNTIME_PIC_OBJECTS) $(BUILD)/pic/gen/$(POLICY).o \
                   $(BUILD)/pic/src/policy/answer.o $(BUILD)/pic/src/policy/report.o $(BUILD)/pic/src/policy/sink.o

$(BUILD)/pic/src/policy/%.o: src/policy/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fPIC $(POLICY_INCLUDES) -c $< -o $@

$(BUILD)/pic/gen/$(POLICY).o: gen/$(POLICY).c gen/$(POLICY).h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fPIC -Igen -Iinclude -c $< -o $@

$(BUILD)/pic/src/ext/sqlite.o: src/ext/sqlite.c gen/$(POLICY).h | sqlite-deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fPIC -Igen $(POLICY_INCLUDES) -DPOLICY_HEADER='"$(POLICY).h"' \
	  -DPOLICY_TABLES=$(POLICY)_policy -c $< -o $@

$(BUILD)/sqlite/$(POLICY).so: $(BUILD)/pic/src/ext/sqlite.o $(EXT_PIC_OBJECTS)
	@mkdir -p $(dir $@)
	$(CC) -shared -Wl,--no-undefined $(LDFLAGS) $^ -o $@

sqlite-deps:
	$(call require,/usr/include/sqlite3ext.h:libsqlite3-dev sqlite3:sqlite3)

sqlite: $(BUILD)/sqlite/$(POLICY).so

# The real sqlite3 shell decides a claims table; every row is compared with batch mode.
# A sanitized extension runs in the shell with the sanitizer's runtime loaded first.
SANITIZER_RUNTIME := $(if $(SANITIZER),$(shell $(CC) -print-file-name=lib$(if $(filter address,$(SANITIZER)),asan,ubsan).so))

sqlite-test: $(BUILD)/sqlite/$(POLICY).so $(BUILD)/$(POLICY) $(BUILD)/bench/decide_bench
	@PRELOAD=$(SANITIZER_RUNTIME) tests/sqlite.sh $(BUILD)

# PostgreSQL: the top Makefile compiles; PGXS (src/ext/postgres.mk, run in $(BUILD)/postgres)
# links and installs. pg_script writes the control file and SQL script from the policy's
# tables. The server's headers are a system directory (-isystem): their warnings are not ours;
# they need POSIX's sigjmp_buf, which -std=c11 hides without _GNU_SOURCE.
PG_CONFIG ?= pg_config
PG_INCLUDE = $(shell $(PG_CONFIG) --includedir-server)
PG_BUILD := $(BUILD)/postgres
PG_MAKE = $(MAKE) --no-print-directory -C $(PG_BUILD) -f $(abspath src/ext/postgres.mk) \
          POLICY=$(POLICY) EXT_VERSION=$(VERSION) PG_CONFIG=$(PG_CONFIG) with_llvm=no \
          EXT_OBJECTS="$(abspath $(PG_BUILD)/postgres.o $(EXT_PIC_OBJECTS))"

postgres-deps:
	$(call require,/usr/include/postgresql/15/server/postgres.h:postgresql-server-dev-15 \
	  /usr/lib/postgresql/15/bin/postgres:postgresql-15)

$(PG_BUILD)/postgres.o: src/ext/postgres.c src/policy/answer.h gen/$(POLICY).h | postgres-deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -D_GNU_SOURCE -fPIC -isystem $(PG_INCLUDE) -Igen $(POLICY_INCLUDES) \
	  -DPOLICY_HEADER='"$(POLICY).h"' -DPOLICY_TABLES=$(POLICY)_policy -c $< -o $@

$(PG_BUILD)/pg_script: src/ext/pg_script.c $(BUILD)/gen/$(POLICY).o $(RUNTIME_OBJECTS) \
                      $(BUILD)/src/policy/report.o $(BUILD)/src/policy/sink.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Igen $(POLICY_INCLUDES) -DPOLICY_HEADER='"$(POLICY).h"' \
	  -DPOLICY_TABLES=$(POLICY)_policy $(filter %.c %.o,$^) $(LDFLAGS) -o $@

$(PG_BUILD)/$(POLICY).control: $(PG_BUILD)/pg_script
	$(PG_BUILD)/pg_script $(VERSION) $(PG_BUILD)

postgres: $(PG_BUILD)/postgres.o $(EXT_PIC_OBJECTS) $(PG_BUILD)/$(POLICY).control
	@$(PG_MAKE)

# Into the server's directories: as root, like any PostgreSQL extension.
postgres-install: postgres
	@$(PG_MAKE) install

postgres-uninstall:
	@$(PG_MAKE) uninstall

# A real server, started by the test in a temporary directory (tests/postgres.sh).
postgres-test: postgres $(BUILD)/$(POLICY) $(BUILD)/bench/decide_bench
	@tests/postgres.sh $(BUILD)

# Sharded: a coordinator and two shard servers, postgres_fdw between them (tests/sharded.sh).
sharded-test: postgres $(BUILD)/$(POLICY) $(BUILD)/bench/decide_bench
	@tests/sharded.sh $(BUILD)

# Editors: the TextMate grammar through vscode-textmate (from npm), and vim's syntax file.
editors-test: | check-deps
	@tests/editors.sh

# Tests ----------------------------------------------------------------------------------

TEST_NAMES := arena diag parse check quote dd diagram analyse regions runtime emit ramq2018 diff property \
              why_not files buffer
TEST_BINARIES := $(TEST_NAMES:%=$(BUILD)/tests/test_%)

$(BUILD)/tests/%.o: tests/%.c $(BUILD)/grammar/parser.h gen/$(POLICY).h | check-deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes $(INCLUDES) -Igen -c $< -o $@

$(BUILD)/tests/test_ramq2018: $(BUILD)/tests/test_ramq2018.o $(BUILD)/gen/$(POLICY).o $(RUNTIME_OBJECTS)
	$(CC) $(LDFLAGS) -pthread $^ -lcmocka -o $@

$(BUILD)/tests/test_why_not: $(BUILD)/tests/test_why_not.o $(BUILD)/gen/$(POLICY).o $(RUNTIME_OBJECTS)
	$(CC) $(LDFLAGS) $^ -lcmocka -o $@

# test_files makes rename and link fail on demand: files.c's calls go through its wrappers.
$(BUILD)/tests/test_files: $(BUILD)/tests/test_files.o $(BUILD)/src/policy/files.o $(RUNTIME_OBJECTS)
	$(CC) $(LDFLAGS) -Wl,--wrap=rename,--wrap=link $^ -lcmocka -o $@

# test_emit compares the committed tables with rulec's own, so it links them too.
$(BUILD)/tests/test_emit: $(BUILD)/tests/test_emit.o $(BACKEND_OBJECTS) $(COMPILER_OBJECTS) $(RUNTIME_OBJECTS) \
                         $(BUILD)/gen/$(POLICY).o
	$(CC) $(LDFLAGS) $^ -lcmocka -o $@

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(BACKEND_OBJECTS) $(COMPILER_OBJECTS) $(RUNTIME_OBJECTS)
	$(CC) $(LDFLAGS) $^ -lcmocka -o $@

unit-tests: $(TEST_BINARIES)
	@for t in $(TEST_BINARIES); do echo "== $$t"; $$t || exit 1; done

golden: $(BUILD)/rulec
	@tests/golden.sh $(BUILD)/rulec tests/cases

e2e: $(BUILD)/rulec $(BUILD)/$(POLICY) $(BUILD)/decide $(BUILD)/why_not
	@tests/e2e.sh $(BUILD)/rulec $(BUILD)/$(POLICY) $(BUILD)/decide $(BUILD)/why_not

# The documents are tested: every rule file and every command with its output shown in the
# README, docs/ and the man pages (tests/doctest.c). Commands name build/rulec and
# build/ramq2018, or rulec as installed: build/ goes first on PATH.
DOCUMENTS := README.md docs/language.md man/rulec.1 man/rulec-language.5

$(BUILD)/tests/doctest: tests/doctest.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes $< -o $@

doc-examples: $(BUILD)/tests/doctest $(BUILD)/rulec $(BUILD)/$(POLICY)
	@PATH="$(abspath $(BUILD)):$$PATH" $(BUILD)/tests/doctest $(BUILD)/rulec $(SOURCES) $(DOCUMENTS)

# One language per file: no English word in what the tools print for the French RAMQ file.
language-test: $(BUILD)/rulec $(BUILD)/$(POLICY)
	@tests/language.sh $(BUILD)/rulec $(BUILD)/$(POLICY)

batch-tests: $(BUILD)/rulec $(BUILD)/$(POLICY)
	@tests/batch.sh $(BUILD)/rulec $(BUILD)/$(POLICY) tests/batch

limit-tests: $(BUILD)/rulec $(BUILD)/$(POLICY) $(BUILD)/polygen
	@tests/limits.sh $(BUILD)/rulec $(BUILD)/$(POLICY)

synthetic-tests: $(BUILD)/rulec $(BUILD)/polygen
	@tests/synthetic.sh $(BUILD)

# The source texts are RAMQ's and stay outside the repository, beside it; when they are there,
# every quote of the policy is looked for in them.
SOURCES_DIR := ../shared/seeds
SOURCES := $(if $(wildcard $(SOURCES_DIR)/README.md),--sources $(SOURCES_DIR))

policy-tests: $(BUILD)/rulec
	$(BUILD)/rulec check $(SOURCES) $(RULES)
	$(BUILD)/rulec test $(SOURCES) --require-coverage $(RULES)

# The generated code must compile warning-free under gcc and clang, C99 and C11, pedantic.
generated-strict: gen/$(POLICY).c gen/$(POLICY).h
	@for compiler in gcc clang; do \
	  command -v $$compiler >/dev/null 2>&1 || { echo "$$compiler: not installed" >&2; exit 1; }; \
	  for std in c99 c11; do \
	    $$compiler -std=$$std -Wall -Wextra -pedantic -Werror -Igen -Iinclude \
	      -c gen/$(POLICY).c -o /dev/null || exit 1; \
	    for runtime in src/runtime/*.c; do \
	      $$compiler -std=$$std -Wall -Wextra -pedantic -Werror -Iinclude \
	        -c $$runtime -o /dev/null || exit 1; \
	    done; \
	    echo "gen/$(POLICY).c and src/runtime/*.c: $$compiler -std=$$std -pedantic -Werror: clean"; \
	  done; \
	done

# The PostgreSQL test runs on the plain build only: a sanitized extension would need the
# sanitizer's runtime loaded into the server first; the SQLite test, which shares all of its
# code but postgres.c, runs under both sanitizers. The editors' test compiles nothing: once.
check: check-deps all unit-tests golden e2e language-test batch-tests limit-tests synthetic-tests policy-tests generated-strict doc-test \
       install-test sqlite-test $(if $(SANITIZER),,postgres-test sharded-test editors-test doc-examples)

# Benchmarks (never part of check) -------------------------------------------------------

BENCH_CFLAGS := $(CSTD) -O2 -g $(WARNINGS) -Wno-missing-prototypes -Igen -Iinclude -Ibench

$(BUILD)/bench/%.o: bench/%.c gen/$(POLICY).h bench/claims.h bench/ifchain.h
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -c $< -o $@

$(BUILD)/bench/decide_bench: $(BUILD)/bench/decide_bench.o $(BUILD)/bench/ifchain.o \
                             $(BUILD)/gen/$(POLICY).o $(RUNTIME_OBJECTS)
	$(CC) $(LDFLAGS) $^ -o $@

$(BUILD)/bench/batch_baseline: $(BUILD)/bench/batch_baseline.o $(BUILD)/bench/ifchain.o
	$(CC) $(LDFLAGS) $^ -o $@

# Peers (CLIPS, json-rules-engine) are installed and built by bench/run.sh, which skips a row
# and says why when one cannot be.
bench: all $(BUILD)/bench/decide_bench $(BUILD)/bench/batch_baseline sqlite postgres
	$(call require,/usr/bin/time:time)
	@bench/run.sh $(BUILD)

$(BUILD)/polygen: tools/polygen.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $< -o $@

bench-scale: all $(BUILD)/polygen
	$(call require,/usr/bin/time:time)
	@tools/scale.sh $(BUILD)

# Valgrind: the end-to-end tests and the demo, each program run under memcheck through a
# wrapper that turns any error or leak into exit status 99, which the tests then report.
VALGRIND_WRAPPERS := $(BUILD)/valgrind/rulec $(BUILD)/valgrind/$(POLICY) $(BUILD)/valgrind/decide

$(BUILD)/valgrind/%: $(BUILD)/%
	@mkdir -p $(dir $@)
	@printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect "%s" "$$@"\n' "$(abspath $<)" > $@
	@chmod +x $@

valgrind: all $(BUILD)/decide $(VALGRIND_WRAPPERS)
	$(call require,valgrind:valgrind)
	@tests/e2e.sh $(BUILD)/valgrind/rulec $(BUILD)/valgrind/$(POLICY) $(BUILD)/valgrind/decide
	@tests/demo.sh $(BUILD)/valgrind/$(POLICY) examples/claims.txt > $(BUILD)/valgrind/demo.out
	@! grep -B3 'statut de sortie : 99' $(BUILD)/valgrind/demo.out
	@$(BUILD)/valgrind/$(POLICY) --batch < examples/claims.csv > /dev/null; \
	  status=$$?; [ $$status = 0 ] || [ $$status = 3 ] || { echo "valgrind: batch demo exit $$status"; exit 1; }
	@echo "valgrind: e2e and demo clean"

# Fuzzing (libFuzzer, clang) -------------------------------------------------------------
# Each harness of tests/fuzz/ is built with the whole library from source, instrumented, and
# run from the repository's top directory for FUZZ_SECONDS on a corpus seeded from the
# repository (tests/fuzz/seeds.sh). A finding stops the run and leaves crash-* in build/fuzz.

FUZZ_NAMES := rules claim batch differential audit
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
              -fno-omit-frame-pointer -Wall -Wno-unused-function $(INCLUDES) -Igen -Itests
FUZZ_LIBRARY := $(sort $(COMPILER_SOURCES)) $(sort $(BACKEND_SOURCES)) $(sort $(RUNTIME_SOURCES)) \
                $(sort $(POLICY_SOURCES)) $(sort $(RULEC_SOURCES)) gen/$(POLICY).c
# The scanner and parser that flex and bison generate are sanitized but not instrumented for
# coverage: their table-driven loops, traced comparison by comparison, took most of the rule
# harness's time; the dictionary (tests/fuzz/rules.dict) gives the fuzzer the tokens instead.
FUZZ_GRAMMAR := build/fuzz/parser.o build/fuzz/lexer.o

build/fuzz/%.o: build/grammar/%.c build/grammar/parser.h build/grammar/lexer.h
	@mkdir -p build/fuzz
	clang -std=c11 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	  -Wno-unused-function $(INCLUDES) -c $< -o $@

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_LIBRARY) $(FUZZ_GRAMMAR) tests/naive.h \
                   build/grammar/keyword_table.inc build/grammar/keyword_words.inc | check-deps
	@mkdir -p build/fuzz
	clang $(FUZZ_FLAGS) $< $(FUZZ_LIBRARY) $(FUZZ_GRAMMAR) -o $@

fuzz-build: $(FUZZ_NAMES:%=build/fuzz/fuzz_%)

fuzz: fuzz-build
	@tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_NAMES)

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
