/* bench/ifchain.h — the ramq2018 policy by hand, for the benchmarks. Part of rulec. */
#ifndef BENCH_IFCHAIN_H
#define BENCH_IFCHAIN_H

#include "ramq2018.h"

enum ramq2018_status ifchain_decide(const struct ramq2018_input *input, struct ramq2018_result *result);

#endif
