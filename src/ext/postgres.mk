# src/ext/postgres.mk — the PGXS half of make postgres: links the objects the top Makefile
# compiled into $(POLICY).so and installs it with its control file and SQL script. Run by the
# top Makefile in the build directory (make -C BUILD/postgres -f …/postgres.mk), so that PGXS
# writes nothing into the source tree. The top Makefile sets with_llvm=no on the command line
# (Makefile.global would set it back): no LLVM bitcode for the JIT, which would need clang to
# compile rulec's sources a second way, and could not inline across the one call per row.
# Part of rulec; see README.md for the licence.
MODULE_big = $(POLICY)
OBJS = $(EXT_OBJECTS)
# DATA_built: written in the build directory by pg_script, installed from there.
MODULEDIR = extension
DATA_built = $(POLICY).control $(POLICY)--$(EXT_VERSION).sql
PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)
