// Float exp, expm1 and ELU in the vector ISA of the GEMM's active family, from the float-lane
// evaluation in exp_core.h. libm's expf and expm1f are scalar calls of 5–15 ns, which kept
// softmax at a tenth of memory bandwidth and made ELU the costliest elementwise step of GAT.
#include "exp_core.h"
#include "internal.h"

#pragma clang fp contract(off)

#define GG_DEFINE_EXP(family, target)                                                              \
    target static void exp_f32_##family(const float *x, float *out, int64_t n) {                  \
        for (int64_t i = 0; i < n; ++i) out[i] = gg_exp_one(x[i]);                                \
    }                                                                                              \
    target static void expm1_f32_##family(const float *x, float *out, int64_t n, bool elu) {      \
        for (int64_t i = 0; i < n; ++i) {                                                          \
            const float y = gg_expm1_one(x[i]);                                                    \
            out[i] = elu && x[i] > 0 ? x[i] : y;                                                   \
        }                                                                                          \
    }

#if defined(__x86_64__)
GG_DEFINE_EXP(avx512, GG_TARGET_AVX512)
GG_DEFINE_EXP(avx2, GG_TARGET_AVX2)
#endif
GG_DEFINE_EXP(baseline, )

void gg_exp_f32(const float *x, float *out, int64_t n) { GG_FAMILY_CALL(exp_f32, x, out, n); }

void gg_expm1_f32(const float *x, float *out, int64_t n, bool elu) { GG_FAMILY_CALL(expm1_f32, x, out, n, elu); }
