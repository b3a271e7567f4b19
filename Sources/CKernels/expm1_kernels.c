// Float32 expm1 and ELU in the vector ISA of the GEMM's active family. libm's expm1f is a scalar
// call of about 15 ns, which made ELU the costliest elementwise step of GAT. Each element is
// evaluated in double: x = k·ln2 + r with |r| ≤ ln2/2, expm1(r) by its Taylor series to degree
// 11 (relative error below 1e-12), and expm1(x) = 2^k·expm1(r) + (2^k − 1), rounded once to
// float: within one rounding of the exact value (tests compare with libm and a double
// reference). All arithmetic is IEEE double without contraction, so every family gives the
// same bits.
#include "internal.h"

#include <string.h>

#pragma clang fp contract(off)

#define GG_DEFINE_EXPM1(name, target)                                                              \
    target static void name(const float *x, float *out, int64_t n, bool elu) {                    \
        const double round_magic = 0x1.8p52, inv_ln2 = 0x1.71547652b82fep0;                      \
        const double ln2_hi = 0x1.62e42fee00000p-1, ln2_lo = 0x1.a39ef35793c76p-33;              \
        int64_t magic_bits;                                                                        \
        memcpy(&magic_bits, &round_magic, sizeof magic_bits);                                      \
        for (int64_t i = 0; i < n; ++i) {                                                          \
            double v = (double)x[i];                                                               \
            /* Past ±100 the float result is −1 or +inf already; NaN passes both tests. */        \
            v = v < -100.0 ? -100.0 : v;                                                           \
            v = v > 100.0 ? 100.0 : v;                                                             \
            /* k = round(v / ln2) in the low bits of t (round-to-nearest by the magic constant). */ \
            const double t = v * inv_ln2 + round_magic;                                            \
            const double k = t - round_magic;                                                      \
            const double r = (v - k * ln2_hi) - k * ln2_lo;                                        \
            double p = 1.0 / 39916800;                                                             \
            p = p * r + 1.0 / 3628800;                                                             \
            p = p * r + 1.0 / 362880;                                                              \
            p = p * r + 1.0 / 40320;                                                               \
            p = p * r + 1.0 / 5040;                                                                \
            p = p * r + 1.0 / 720;                                                                 \
            p = p * r + 1.0 / 120;                                                                 \
            p = p * r + 1.0 / 24;                                                                  \
            p = p * r + 1.0 / 6;                                                                   \
            p = p * r + 0.5;                                                                       \
            const double em1 = r + (r * r) * p;                                                    \
            int64_t t_bits;                                                                        \
            memcpy(&t_bits, &t, sizeof t_bits);                                                    \
            const int64_t scale_bits = (t_bits - magic_bits + 1023) << 52;                         \
            double scale;                                                                          \
            memcpy(&scale, &scale_bits, sizeof scale);                                             \
            const float y = (float)(scale * em1 + (scale - 1.0));                                  \
            out[i] = elu && x[i] > 0 ? x[i] : y;                                                   \
        }                                                                                          \
    }

#if defined(__x86_64__)
GG_DEFINE_EXPM1(expm1_f32_avx512, GG_TARGET_AVX512)
GG_DEFINE_EXPM1(expm1_f32_avx2, GG_TARGET_AVX2)
#endif
GG_DEFINE_EXPM1(expm1_f32_baseline, )

void gg_expm1_f32(const float *x, float *out, int64_t n, bool elu) { GG_FAMILY_CALL(expm1_f32, x, out, n, elu); }
