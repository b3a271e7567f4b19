// Inverted-dropout masks in the vector ISA of the GEMM's active family (gemm_dispatch.c).
// SplitMix64 is counter-based: its i-th output after state s is a function of s + (i+1)·γ
// alone, so vector lanes draw independent elements, and every family writes the mask that the
// Swift generator's scalar draws would give, bit for bit. An element is kept when its uniform
// (output >> 11)·2⁻⁵³ is below the keep probability, compared exactly as integers.
#include "internal.h"

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
GG_DEFINE_DROPOUT_MASK(mask_f32_avx512, float, GG_TARGET_AVX512)
GG_DEFINE_DROPOUT_MASK(mask_f64_avx512, double, GG_TARGET_AVX512)
GG_DEFINE_DROPOUT_MASK(mask_f32_avx2, float, GG_TARGET_AVX2)
GG_DEFINE_DROPOUT_MASK(mask_f64_avx2, double, GG_TARGET_AVX2)
#endif
GG_DEFINE_DROPOUT_MASK(mask_f32_baseline, float, )
GG_DEFINE_DROPOUT_MASK(mask_f64_baseline, double, )

void gg_dropout_mask_f32(uint64_t state, int64_t n, uint64_t threshold, float scale, float *out) {
    GG_FAMILY_CALL(mask_f32, state, n, threshold, scale, out);
}

void gg_dropout_mask_f64(uint64_t state, int64_t n, uint64_t threshold, double scale, double *out) {
    GG_FAMILY_CALL(mask_f64, state, n, threshold, scale, out);
}
