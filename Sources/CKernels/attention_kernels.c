// GAT's fused edge attention (see Sources/Graphs/Sparse/EdgeAttention.swift): scores, LeakyReLU,
// segment softmax, dropout mask and weighted aggregation in one pass over each node's incoming
// slots, and the matching backward pass. Each row is written by one call, and every sum runs
// in slot order exactly as the unfused Swift kernels form it (multiplications and additions
// rounded separately: contraction into fused multiply-adds would change the bits), so results
// equal the unfused operations' and do not depend on how rows are split among threads.
#include "CKernels.h"

#include <math.h>

#pragma clang fp contract(off)

// Heads are processed in blocks of this many, so the per-head state stays on the stack.
enum { GG_ATTENTION_HEAD_BLOCK = 64 };

#define GG_DEFINE_ATTENTION(suffix, T, EXP)                                                        \
    /* max(z, slope·z), ties to z: the composite's `maximum(z * slope)`. */                        \
    static inline T leaky_##suffix(T z, T slope) {                                                 \
        T y = z * slope;                                                                           \
        return z >= y ? z : y;                                                                     \
    }                                                                                              \
                                                                                                   \
    /* Σ a[i]·b[i] as the Swift `dotProduct`: 16 lanes over whole blocks of 16, then the rest. */  \
    static inline T dot_##suffix(const T *a, const T *b, int64_t n) {                              \
        T lanes[16] = {0};                                                                         \
        int64_t i = 0;                                                                             \
        for (; i + 16 <= n; i += 16)                                                               \
            for (int k = 0; k < 16; ++k) lanes[k] += a[i + k] * b[i + k];                          \
        T s = 0;                                                                                   \
        for (int k = 0; k < 16; ++k) s += lanes[k];                                                \
        for (; i < n; ++i) s += a[i] * b[i];                                                       \
        return s;                                                                                  \
    }                                                                                              \
                                                                                                   \
    void gg_attend_rows_##suffix(const gg_attention_job *job, int64_t first, int64_t end) {        \
        const int64_t H = job->heads, F = job->head_width, W = H * F;                              \
        const T slope = (T)job->slope;                                                             \
        const T *ss = job->source_scores, *ts = job->target_scores, *x = job->features;           \
        const T *mask = job->mask;                                                                 \
        T *alpha = job->attention, *kept = job->kept, *output = job->node_rows;                    \
        T top[GG_ATTENTION_HEAD_BLOCK], scale[GG_ATTENTION_HEAD_BLOCK];                            \
        for (int64_t row = first; row < end; ++row) {                                              \
            const int64_t lo = job->indptr[row], hi = job->indptr[row + 1];                        \
            T *out = output + row * W;                                                             \
            for (int64_t c = 0; c < W; ++c) out[c] = 0;                                            \
            for (int64_t h0 = 0; h0 < H; h0 += GG_ATTENTION_HEAD_BLOCK) {                          \
                const int64_t hn = H - h0 < GG_ATTENTION_HEAD_BLOCK ? H - h0 : GG_ATTENTION_HEAD_BLOCK; \
                const T *t = ts + row * H + h0;                                                    \
                for (int64_t h = 0; h < hn; ++h) top[h] = -INFINITY, scale[h] = 0;                 \
                for (int64_t slot = lo; slot < hi; ++slot) {                                       \
                    const T *s = ss + (int64_t)job->sources[slot] * H + h0;                        \
                    T *a = alpha + (int64_t)job->edge_ids[slot] * H + h0;                          \
                    for (int64_t h = 0; h < hn; ++h) {                                             \
                        a[h] = leaky_##suffix(s[h] + t[h], slope);                                 \
                        top[h] = a[h] >= top[h] ? a[h] : top[h];                                   \
                    }                                                                              \
                }                                                                                  \
                for (int64_t h = 0; h < hn; ++h)                                                   \
                    if (top[h] == -INFINITY) top[h] = 0;                                           \
                for (int64_t slot = lo; slot < hi; ++slot) {                                       \
                    T *a = alpha + (int64_t)job->edge_ids[slot] * H + h0;                          \
                    for (int64_t h = 0; h < hn; ++h) {                                             \
                        a[h] = EXP(a[h] - top[h]);                                                 \
                        scale[h] += a[h];                                                          \
                    }                                                                              \
                }                                                                                  \
                /* A segment whose scores are all −∞ sums to 0: its weights stay 0. */            \
                for (int64_t h = 0; h < hn; ++h) scale[h] = scale[h] > 0 ? 1 / scale[h] : 0;       \
                for (int64_t slot = lo; slot < hi; ++slot) {                                       \
                    const int64_t e = job->edge_ids[slot];                                         \
                    const T *message = x + (int64_t)job->sources[slot] * W + h0 * F;               \
                    T *a = alpha + e * H + h0, *o = out + h0 * F;                                  \
                    for (int64_t h = 0; h < hn; ++h) {                                             \
                        a[h] *= scale[h];                                                          \
                        T w = a[h];                                                                \
                        if (mask) {                                                                \
                            w *= mask[e * H + h0 + h];                                             \
                            kept[e * H + h0 + h] = w;                                              \
                        }                                                                          \
                        for (int64_t c = 0; c < F; ++c) o[h * F + c] += w * message[h * F + c];    \
                    }                                                                              \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
    }                                                                                              \
                                                                                                   \
    void gg_attend_backward_rows_##suffix(const gg_attention_job *job, int64_t first, int64_t end) { \
        const int64_t H = job->heads, F = job->head_width, W = H * F;                              \
        const T slope = (T)job->slope;                                                             \
        const T *ss = job->source_scores, *ts = job->target_scores, *x = job->features;           \
        const T *mask = job->mask, *alpha = job->attention, *cotangent = job->node_rows;           \
        T *gz = job->score_gradient, *target_gradient = job->target_gradient;                      \
        T total[GG_ATTENTION_HEAD_BLOCK];                                                          \
        for (int64_t row = first; row < end; ++row) {                                              \
            const int64_t lo = job->indptr[row], hi = job->indptr[row + 1];                        \
            for (int64_t h0 = 0; h0 < H; h0 += GG_ATTENTION_HEAD_BLOCK) {                          \
                const int64_t hn = H - h0 < GG_ATTENTION_HEAD_BLOCK ? H - h0 : GG_ATTENTION_HEAD_BLOCK; \
                const T *ct = cotangent + row * W + h0 * F, *t = ts + row * H + h0;                \
                T *gt = target_gradient + row * H + h0;                                            \
                for (int64_t h = 0; h < hn; ++h) total[h] = 0, gt[h] = 0;                          \
                for (int64_t slot = lo; slot < hi; ++slot) {                                       \
                    const int64_t e = (int64_t)job->edge_ids[slot] * H + h0;                       \
                    const T *message = x + (int64_t)job->sources[slot] * W + h0 * F;               \
                    for (int64_t h = 0; h < hn; ++h) {                                             \
                        T g = dot_##suffix(ct + h * F, message + h * F, F);                        \
                        if (mask) g *= mask[e + h];                                                \
                        gz[e + h] = g * alpha[e + h];                                              \
                        total[h] += gz[e + h];                                                     \
                    }                                                                              \
                }                                                                                  \
                for (int64_t slot = lo; slot < hi; ++slot) {                                       \
                    const int64_t e = (int64_t)job->edge_ids[slot] * H + h0;                       \
                    const T *s = ss + (int64_t)job->sources[slot] * H + h0;                        \
                    for (int64_t h = 0; h < hn; ++h) {                                             \
                        T g = gz[e + h] - alpha[e + h] * total[h];                                 \
                        T z = s[h] + t[h];                                                         \
                        gz[e + h] = z * slope > z ? g * slope : g;                                 \
                        gt[h] += gz[e + h];                                                        \
                    }                                                                              \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
    }

GG_DEFINE_ATTENTION(f32, float, expf)
GG_DEFINE_ATTENTION(f64, double, exp)
