#ifndef GRAPHGRAD_CKERNELS_INTERNAL_H
#define GRAPHGRAD_CKERNELS_INTERNAL_H

#include <stddef.h>

#include "CKernels.h"

#define GG_CAT_(a, b) a##b
#define GG_CAT(a, b) GG_CAT_(a, b)
#define GG_CAT3(a, b, c) GG_CAT(GG_CAT(a, b), c)

/// Per-function targets of the vector-ISA families (the GEMM's, see gemm_dispatch.c) for kernels
/// compiled once per family from one definition: name_avx512, name_avx2 and name_baseline.
#define GG_TARGET_AVX512 __attribute__((target("avx512f,avx512vl,avx512dq")))
#define GG_TARGET_AVX2 __attribute__((target("avx2,fma")))

/// Calls the variant of `name` for the GEMM's active family with the arguments that follow.
#if defined(__x86_64__)
#define GG_FAMILY_CALL(name, ...)                                                                  \
    (gg_gemm_active_kernel() == GG_GEMM_AVX512 ? name##_avx512(__VA_ARGS__)                        \
     : gg_gemm_active_kernel() == GG_GEMM_AVX2 ? name##_avx2(__VA_ARGS__)                          \
                                               : name##_baseline(__VA_ARGS__))
#else
#define GG_FAMILY_CALL(name, ...) name##_baseline(__VA_ARGS__)
#endif

/// A 64-byte aligned buffer owned by the calling thread, at least `bytes` long. It is reused by
/// later calls on the same thread (contents are not preserved when it grows) and freed when the
/// thread exits, so packing never allocates per micro-kernel call.
void *gg_thread_workspace(size_t bytes);

#endif
