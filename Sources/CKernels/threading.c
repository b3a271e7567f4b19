#if defined(__linux__)
#define _GNU_SOURCE // sched_getaffinity, CPU_COUNT
#include <sched.h>
#endif

#include "CKernels.h"

#include <unistd.h>

static int64_t thread_count_setting; // 0: not set

int64_t gg_thread_count(void) { return __atomic_load_n(&thread_count_setting, __ATOMIC_RELAXED); }

void gg_set_thread_count(int64_t count) {
    __atomic_store_n(&thread_count_setting, count, __ATOMIC_RELAXED);
}

int64_t gg_available_processors(void) {
#if defined(__linux__)
    // The affinity mask honours taskset/cgroup pinning, unlike the online-processor count.
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int count = CPU_COUNT(&set);
        if (count > 0) return count;
    }
#endif
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? online : 1;
}

int64_t gg_fetch_increment(int64_t *counter) {
    return __atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}
