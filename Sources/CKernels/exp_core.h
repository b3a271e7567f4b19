// Float exp and expm1 evaluated in float lanes, shared by the elementwise kernels (exp_kernels.c)
// and GAT's fused attention (attention_kernels.c), so that both round every value the same way.
// libm's expf and expm1f are scalar calls; these inline into the callers' loops, which the
// compiler vectorizes 16 lanes wide in the AVX-512 family. Every multiply-add is an explicit
// fmaf and nothing else is contracted, so every family gives the same bits (the families with a
// vector ISA require FMA; the baseline family gets fmaf from libm, exact but slow on x86).
//
// Accuracy, checked over all 2^32 floats against double-precision exp and expm1: both are within
// 0.99 ulp of the exact value, and exp is the correctly rounded float for about 97% of inputs.
#ifndef GRAPHGRAD_CKERNELS_EXP_CORE_H
#define GRAPHGRAD_CKERNELS_EXP_CORE_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#pragma clang fp contract(off)

/* The reduction's constants, shared with the AVX-512 exp in exp_kernels.c: the clamp, the
   rounding magic, 1/ln2, ln2 in two parts (the high part's 21 bits make v − n·hi exact for the
   clamped range) and the series' coefficients from the highest degree down. */
#define GG_EXP_LOWEST (-150.0f)
#define GG_EXP_HIGHEST 100.0f
#define GG_EXP_ROUND_MAGIC 0x1.8p23f
#define GG_EXP_LOG2E 0x1.715476p+0f
#define GG_EXP_LN2_HI 0x1.62e43p-1f
#define GG_EXP_LN2_LO (-0x1.05c610p-29f)
#define GG_EXP_P5 0x1.9f08acp-13f
#define GG_EXP_P4 0x1.6d8cf6p-10f
#define GG_EXP_P3 0x1.111270p-7f
#define GG_EXP_P2 0x1.55548ep-5f
#define GG_EXP_P1 0x1.555554p-3f
#define GG_EXP_P0 0x1p-1f

/// 2^k as a float for k in [−126, 127].
static inline float gg_exp_pow2(int32_t k) {
    const uint32_t bits = (uint32_t)(k + 127) << 23;
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

/// Splits x = n·ln2 + r1 + lo with r1 exact and |r1 + lo| ≤ ln2/2, and returns
/// q ≈ e^(r1 + lo) − 1 − r1, so that e^x = 2^n·(1 + r1 + q). Keeping r1 apart from q keeps the
/// reduction's rounding out of the result: the series runs on the exact r1 and lo enters through
/// its first-order term lo·(1 + r1). The series is a degree-5 minimax fit of (e^r − 1 − r)/r²
/// (relative error 1e-9 on |r| ≤ ln2/2). Inputs are clamped to [−150, 100], past which every
/// float result is already 0 (or −1) or +inf; NaN passes both clamps and stays NaN.
static inline float gg_exp_reduce(float x, int32_t *n, float *r1) {
    float v = x < GG_EXP_LOWEST ? GG_EXP_LOWEST : x;
    v = v > GG_EXP_HIGHEST ? GG_EXP_HIGHEST : v;
    /* n = round(v / ln2) in the low bits of t (round-to-nearest by the magic constant). */
    const float round_magic = GG_EXP_ROUND_MAGIC;
    const float t = fmaf(v, GG_EXP_LOG2E, round_magic);
    const float whole = t - round_magic;
    const float r = fmaf(-whole, GG_EXP_LN2_HI, v), lo = -whole * GG_EXP_LN2_LO;
    float p = GG_EXP_P5;
    p = fmaf(p, r, GG_EXP_P4);
    p = fmaf(p, r, GG_EXP_P3);
    p = fmaf(p, r, GG_EXP_P2);
    p = fmaf(p, r, GG_EXP_P1);
    p = fmaf(p, r, GG_EXP_P0);
    uint32_t t_bits, magic_bits;
    memcpy(&t_bits, &t, sizeof t_bits);
    memcpy(&magic_bits, &round_magic, sizeof magic_bits);
    *n = (int32_t)(t_bits - magic_bits);
    *r1 = r;
    return fmaf(r * r, p, fmaf(lo, r, lo));
}

/// 2^n·(1 + m) for the reduction's n, scaled in two halves so that n below −126 (subnormal
/// results) and above 127 stay exact up to the one rounding of the last product.
static inline float gg_exp_scale(int32_t n, float m) {
    const int32_t half = n >> 1;
    const float s = gg_exp_pow2(half);
    return fmaf(m, s, s) * gg_exp_pow2(n - half);
}

/// e^x in float.
static inline float gg_exp_one(float x) {
    int32_t n;
    float r1;
    const float q = gg_exp_reduce(x, &n, &r1);
    return gg_exp_scale(n, r1 + q);
}

/// e^x − 1 in float: (s − 1) + s·r1 + s·q with s = 2^n, the first two sums' rounding errors
/// carried to the last (TwoSum, then Fast2Sum, as |s − 1| ≥ |s·r1|), since s − 1 and s·r1 nearly
/// cancel for n = ±1. Past n = 64 the −1 is far below an ulp and s would overflow: e^x itself.
/// expm1(±0) = ±0.
static inline float gg_expm1_one(float x) {
    int32_t n;
    float r1;
    const float q = gg_exp_reduce(x, &n, &r1);
    const int32_t half = n >> 1;
    const float s = gg_exp_pow2(half) * gg_exp_pow2(n - half);
    const float a = s - 1.0f, z = a - s;
    const float a_error = (s - (a - z)) + (-1.0f - z);
    const float b = s * r1, high = a + b;
    const float error = (b - (high - a)) + a_error;
    const float near = high + fmaf(s, q, error);
    return n > 64 ? gg_exp_scale(n, r1 + q) : x == 0.0f ? x : near;
}

#endif
