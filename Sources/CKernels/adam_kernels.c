// Adam's update in the vector ISA of the GEMM's active family (gemm_dispatch.c). Each element
// computes NN's formula with every operation rounded in turn, in the same order (no contraction
// into fused multiply-adds; square root and division are correctly rounded in every ISA), so all
// families write the bits of the scalar formula. The Swift loop it replaces ran in SSE2, four
// lanes at a time: an eleventh of an SGC training step on Cora, twice what this takes.
#include "internal.h"

#pragma clang fp contract(off)

#define GG_DEFINE_ADAM(name, T, target)                                                            \
    target static void name(T *restrict w, const T *restrict g, T *restrict m, T *restrict v,     \
                            int64_t n, const gg_adam_constants *k) {                              \
        const T b1 = (T)k->beta1, b2 = (T)k->beta2, eps = (T)k->epsilon, wd = (T)k->weight_decay; \
        const T shrink = (T)k->shrink, step = (T)k->step_size, root_c2 = (T)k->root_correction2;   \
        const bool coupled = k->coupled_decay, decoupled = k->decoupled_decay;                     \
        for (int64_t i = 0; i < n; ++i) {                                                          \
            T gi = g[i], wi = w[i];                                                                \
            if (coupled) gi = gi + wd * wi;                                                        \
            if (decoupled) wi = wi * shrink;                                                       \
            const T mi = b1 * m[i] + (1 - b1) * gi;                                                \
            const T vi = b2 * v[i] + (1 - b2) * gi * gi;                                           \
            m[i] = mi;                                                                             \
            v[i] = vi;                                                                             \
            w[i] = wi - step * mi / (__builtin_elementwise_sqrt(vi) / root_c2 + eps);             \
        }                                                                                          \
    }

#if defined(__x86_64__)
GG_DEFINE_ADAM(adam_f32_avx512, float, GG_TARGET_AVX512)
GG_DEFINE_ADAM(adam_f64_avx512, double, GG_TARGET_AVX512)
GG_DEFINE_ADAM(adam_f32_avx2, float, GG_TARGET_AVX2)
GG_DEFINE_ADAM(adam_f64_avx2, double, GG_TARGET_AVX2)
#endif
GG_DEFINE_ADAM(adam_f32_baseline, float, )
GG_DEFINE_ADAM(adam_f64_baseline, double, )

void gg_adam_f32(float *w, const float *g, float *m, float *v, int64_t n, const gg_adam_constants *k) {
    GG_FAMILY_CALL(adam_f32, w, g, m, v, n, k);
}

void gg_adam_f64(double *w, const double *g, double *m, double *v, int64_t n, const gg_adam_constants *k) {
    GG_FAMILY_CALL(adam_f64, w, g, m, v, n, k);
}
