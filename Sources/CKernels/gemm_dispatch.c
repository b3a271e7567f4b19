// Run-time choice of the GEMM kernel family: the best one this processor supports, decided on
// first use and cached, and overridable (benchmarks and tests compare the families).
#include "CKernels.h"

static const char *const kernel_names[GG_GEMM_KERNEL_COUNT] = {
    [GG_GEMM_AVX512] = "avx512", [GG_GEMM_AVX2] = "avx2", [GG_GEMM_BASELINE] = "baseline"};

static int active_kernel = -1; // -1: not chosen yet

const char *gg_gemm_kernel_name(int kernel) {
    return kernel >= 0 && kernel < GG_GEMM_KERNEL_COUNT ? kernel_names[kernel] : "unknown";
}

bool gg_gemm_kernel_supported(int kernel) {
    switch (kernel) {
#if defined(__x86_64__)
    // __builtin_cpu_supports also checks that the OS saves the wider registers (XCR0). The
    // family's other kernels use AVX512DQ's 64-bit multiplies (dropout masks' SplitMix64).
    case GG_GEMM_AVX512:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
               __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("fma");
    case GG_GEMM_AVX2:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
    case GG_GEMM_BASELINE:
        return true;
    default:
        return false;
    }
}

int gg_gemm_active_kernel(void) {
    int kernel = __atomic_load_n(&active_kernel, __ATOMIC_ACQUIRE);
    if (kernel >= 0) return kernel;
    int best = GG_GEMM_BASELINE;
    for (int candidate = 0; candidate < GG_GEMM_KERNEL_COUNT; ++candidate)
        if (gg_gemm_kernel_supported(candidate)) {
            best = candidate;
            break;
        }
    int expected = -1;
    // A racing first use computes the same answer; an explicit choice made meanwhile wins.
    if (!__atomic_compare_exchange_n(&active_kernel, &expected, best, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE))
        return expected;
    return best;
}

bool gg_gemm_set_active_kernel(int kernel) {
    if (!gg_gemm_kernel_supported(kernel)) return false;
    __atomic_store_n(&active_kernel, kernel, __ATOMIC_RELEASE);
    return true;
}
