// Float exp and expm1 evaluated in double, shared by the elementwise kernels (exp_kernels.c) and
// GAT's fused attention (attention_kernels.c), so that both round every value the same way.
// libm's expf and expm1f are scalar calls; these inline into the callers' loops, which the
// compiler vectorizes in each family's ISA. All arithmetic is IEEE double without contraction,
// so every family gives the same bits.
#ifndef GRAPHGRAD_CKERNELS_EXP_CORE_H
#define GRAPHGRAD_CKERNELS_EXP_CORE_H

#include <stdint.h>
#include <string.h>

#pragma clang fp contract(off)

/// 2^(j/32) for j = 0…31, rounded to the nearest double (bit patterns, computed in 60-digit
/// decimal arithmetic).
static const uint64_t gg_exp2_32nds[32] = {
    0x3ff0000000000000, 0x3ff059b0d3158574, 0x3ff0b5586cf9890f, 0x3ff11301d0125b51,
    0x3ff172b83c7d517b, 0x3ff1d4873168b9aa, 0x3ff2387a6e756238, 0x3ff29e9df51fdee1,
    0x3ff306fe0a31b715, 0x3ff371a7373aa9cb, 0x3ff3dea64c123422, 0x3ff44e086061892d,
    0x3ff4bfdad5362a27, 0x3ff5342b569d4f82, 0x3ff5ab07dd485429, 0x3ff6247eb03a5585,
    0x3ff6a09e667f3bcd, 0x3ff71f75e8ec5f74, 0x3ff7a11473eb0187, 0x3ff82589994cce13,
    0x3ff8ace5422aa0db, 0x3ff93737b0cdc5e5, 0x3ff9c49182a3f090, 0x3ffa5503b23e255d,
    0x3ffae89f995ad3ad, 0x3ffb7f76f2fb5e47, 0x3ffc199bdd85529c, 0x3ffcb720dcef9069,
    0x3ffd5818dcfba487, 0x3ffdfc97337b9b5f, 0x3ffea4afa2a490da, 0x3fff50765b6e4540,
};

/// expm1(r) for the reduced argument, and s = 2^(n/32), where x = n·ln2/32 + r with
/// |r| ≤ ln2/64: s from the table and an exponent shift, expm1(r) by its Taylor series to
/// degree 5 (relative error below 3e-15, so results are correctly rounded floats but for about
/// one input in ten million). A short series over a table beats a long one: the polynomial's
/// dependent multiply-adds, not memory, bound a vector exp. Inputs are clamped to [−150, 100],
/// past which every float result is already 0 (or −1) or +inf; NaN passes both clamps and
/// stays NaN.
static inline double gg_expm1_reduced(float x, double *scale) {
    const double round_magic = 0x1.8p52, thirty_two_over_ln2 = 0x1.71547652b82fep+5;
    /* ln2/32 in two parts; the high part's 33 bits make n·hi exact for |n| < 2^20. */
    const double ln2_32_hi = 0x1.62e42fee00000p-6, ln2_32_lo = 0x1.a39ef35793c76p-38;
    double v = (double)x;
    v = v < -150.0 ? -150.0 : v;
    v = v > 100.0 ? 100.0 : v;
    /* n = round(32·v / ln2) in the low bits of t (round-to-nearest by the magic constant). */
    const double t = v * thirty_two_over_ln2 + round_magic;
    const double n = t - round_magic;
    const double r = (v - n * ln2_32_hi) - n * ln2_32_lo;
    double p = 1.0 / 120;
    p = p * r + 1.0 / 24;
    p = p * r + 1.0 / 6;
    p = p * r + 0.5;
    int64_t t_bits, magic_bits;
    memcpy(&t_bits, &t, sizeof t_bits);
    memcpy(&magic_bits, &round_magic, sizeof magic_bits);
    const int64_t whole = t_bits - magic_bits;
    /* 2^(n/32) = 2^(n mod 32 / 32)·2^⌊n/32⌋: the table entry with ⌊n/32⌋ added to its exponent. */
    const uint64_t scale_bits = gg_exp2_32nds[whole & 31] + ((uint64_t)(whole >> 5) << 52);
    memcpy(scale, &scale_bits, sizeof *scale);
    return r + (r * r) * p;
}

/// e^x rounded once to float: s·expm1(r) + s, within one rounding of the exact value.
static inline float gg_exp_one(float x) {
    double scale;
    const double em1 = gg_expm1_reduced(x, &scale);
    return (float)(scale * em1 + scale);
}

/// e^x − 1 rounded once to float: s·expm1(r) + (s − 1).
static inline float gg_expm1_one(float x) {
    double scale;
    const double em1 = gg_expm1_reduced(x, &scale);
    return (float)(scale * em1 + (scale - 1.0));
}

#endif
