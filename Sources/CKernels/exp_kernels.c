// Float exp, expm1 and ELU in the vector ISA of the GEMM's active family, from the float-lane
// evaluation in exp_core.h. libm's expf and expm1f are scalar calls of 5–15 ns, which kept
// softmax at a tenth of memory bandwidth and made ELU the costliest elementwise step of GAT.
#include "exp_core.h"
#include "internal.h"

#pragma clang fp contract(off)

#define GG_DEFINE_EXP(family, target)                                                              \
    target static void exp_f32_##family(const float *x, float *out, int64_t n) {                  \
        for (int64_t i = 0; i < n; ++i) out[i] = gg_exp_one(x[i]);                                \
    }

#define GG_DEFINE_EXPM1(family, target)                                                            \
    target static void expm1_f32_##family(const float *x, float *out, int64_t n, bool elu) {      \
        for (int64_t i = 0; i < n; ++i) {                                                          \
            const float y = gg_expm1_one(x[i]);                                                    \
            out[i] = elu && x[i] > 0 ? x[i] : y;                                                   \
        }                                                                                          \
    }

#if defined(__x86_64__)
#include <immintrin.h>

/// gg_exp_one on 16 lanes with one vscalefps in place of the two-step scaling, a third fewer
/// instructions. Both round 2^n·(1 + m) once (the first step of the two is exact), so the bits
/// equal the other families'. Operand order keeps NaN: vmaxps and vminps return their second
/// operand when either is NaN.
GG_TARGET_AVX512 static inline __m512 exp16_avx512(__m512 x) {
    const __m512 magic = _mm512_set1_ps(GG_EXP_ROUND_MAGIC);
    const __m512 v = _mm512_min_ps(_mm512_set1_ps(GG_EXP_HIGHEST), _mm512_max_ps(_mm512_set1_ps(GG_EXP_LOWEST), x));
    const __m512 whole = _mm512_sub_ps(_mm512_fmadd_ps(v, _mm512_set1_ps(GG_EXP_LOG2E), magic), magic);
    const __m512 r = _mm512_fnmadd_ps(whole, _mm512_set1_ps(GG_EXP_LN2_HI), v);
    const __m512 lo = _mm512_mul_ps(whole, _mm512_set1_ps(-GG_EXP_LN2_LO));
    __m512 p = _mm512_set1_ps(GG_EXP_P5);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(GG_EXP_P4));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(GG_EXP_P3));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(GG_EXP_P2));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(GG_EXP_P1));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(GG_EXP_P0));
    const __m512 q = _mm512_fmadd_ps(_mm512_mul_ps(r, r), p, _mm512_fmadd_ps(lo, r, lo));
    return _mm512_scalef_ps(_mm512_add_ps(_mm512_add_ps(r, q), _mm512_set1_ps(1.0f)), whole);
}

GG_TARGET_AVX512 static void exp_f32_avx512(const float *x, float *out, int64_t n) {
    int64_t i = 0;
    for (; i + 16 <= n; i += 16) _mm512_storeu_ps(out + i, exp16_avx512(_mm512_loadu_ps(x + i)));
    if (i < n) {
        const __mmask16 rest = (__mmask16)((1u << (n - i)) - 1);
        _mm512_mask_storeu_ps(out + i, rest, exp16_avx512(_mm512_maskz_loadu_ps(rest, x + i)));
    }
}
GG_DEFINE_EXPM1(avx512, GG_TARGET_AVX512)
GG_DEFINE_EXP(avx2, GG_TARGET_AVX2)
GG_DEFINE_EXPM1(avx2, GG_TARGET_AVX2)
#endif
GG_DEFINE_EXP(baseline, )
GG_DEFINE_EXPM1(baseline, )

void gg_exp_f32(const float *x, float *out, int64_t n) { GG_FAMILY_CALL(exp_f32, x, out, n); }

void gg_expm1_f32(const float *x, float *out, int64_t n, bool elu) { GG_FAMILY_CALL(expm1_f32, x, out, n, elu); }
