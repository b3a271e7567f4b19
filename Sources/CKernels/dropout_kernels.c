// Inverted-dropout masks in the vector ISA of the GEMM's active family (gemm_dispatch.c).
// SplitMix64 is counter-based: its i-th output after state s is a function of s + (i+1)·γ
// alone, so vector lanes draw independent elements, and every family writes the mask that the
// Swift generator's scalar draws would give, bit for bit. An element is kept when its uniform
// (output >> 11)·2⁻⁵³ is below the keep probability, compared exactly as integers.
#include "CKernels.h"

#define GG_DEFINE_DROPOUT_MASK(name, T, target)                                                    \
    target static void name(uint64_t state, int64_t n, uint64_t threshold, T scale, T *out) {     \
        for (int64_t i = 0; i < n; ++i) {                                                          \
            uint64_t z = state + (uint64_t)(i + 1) * 0x9E3779B97F4A7C15ULL;                        \
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;                                           \
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;                                           \
            z ^= z >> 31;                                                                          \
            out[i] = (z >> 11) < threshold ? scale : (T)0;                                         \
        }                                                                                          \
    }

#if defined(__x86_64__)
GG_DEFINE_DROPOUT_MASK(mask_f32_avx512, float, __attribute__((target("avx512f,avx512vl"))))
GG_DEFINE_DROPOUT_MASK(mask_f64_avx512, double, __attribute__((target("avx512f,avx512vl"))))
GG_DEFINE_DROPOUT_MASK(mask_f32_avx2, float, __attribute__((target("avx2"))))
GG_DEFINE_DROPOUT_MASK(mask_f64_avx2, double, __attribute__((target("avx2"))))
#endif
GG_DEFINE_DROPOUT_MASK(mask_f32_baseline, float, )
GG_DEFINE_DROPOUT_MASK(mask_f64_baseline, double, )

#if defined(__x86_64__)
#define GG_DROPOUT_WIDE_CASES(suffix)                                                              \
    case GG_GEMM_AVX512: mask_##suffix##_avx512(state, n, threshold, scale, out); return;         \
    case GG_GEMM_AVX2: mask_##suffix##_avx2(state, n, threshold, scale, out); return;
#else
#define GG_DROPOUT_WIDE_CASES(suffix)
#endif

#define GG_DEFINE_DROPOUT_DISPATCH(suffix, T)                                                      \
    void gg_dropout_mask_##suffix(uint64_t state, int64_t n, uint64_t threshold, T scale, T *out) { \
        switch (gg_gemm_active_kernel()) {                                                         \
        GG_DROPOUT_WIDE_CASES(suffix)                                                              \
        default: mask_##suffix##_baseline(state, n, threshold, scale, out);                        \
        }                                                                                          \
    }

GG_DEFINE_DROPOUT_DISPATCH(f32, float)
GG_DEFINE_DROPOUT_DISPATCH(f64, double)
