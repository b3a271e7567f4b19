// GAT's fused edge attention (see Sources/Graphs/Sparse/EdgeAttention.swift): scores, LeakyReLU,
// segment softmax, dropout mask and weighted aggregation in one pass over each node's incoming
// slots, and the matching backward pass. Each row is written by one call, and every sum runs
// in slot order exactly as the unfused Swift kernels form it (multiplications and additions
// rounded separately: contraction into fused multiply-adds would change the bits), so results
// equal the unfused operations' and do not depend on how rows are split among threads. The
// kernels are compiled once per vector-ISA family; float exp is exp_core.h's, as the Float
// tensors' (libm's for double).
#include "eight_heads.h"
#include "exp_core.h"
#include "internal.h"

#include <math.h>

#pragma clang fp contract(off)

// Heads are processed in blocks of this many, so the per-head state stays on the stack.
enum { GG_ATTENTION_HEAD_BLOCK = 64 };
// Softmax numerators are computed this many at a time (a multiple of the head block).
enum { GG_ATTENTION_EXP_CHUNK = 256 };

#define GG_DEFINE_ATTENTION_HELPERS(suffix, T, I, EXP)                                                   \
    /* max(z, slope·z), ties to z: the composite's `maximum(z * slope)`. */                        \
    static inline T leaky_##suffix(T z, T slope) {                                                 \
        T y = z * slope;                                                                           \
        return z >= y ? z : y;                                                                     \
    }                                                                                              \
                                                                                                   \
    /* Σ a[i]·b[i] as the Swift `dotProduct`: 16 lanes over whole blocks of 16, then the rest. */  \
    __attribute__((always_inline)) static inline T dot_##suffix(const T *a, const T *b, int64_t n) { \
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
    /* out[h·F + c] += w[h]·x[h·F + c] for the block's heads. Inlined with F a constant where the \
       callers branch on it, so the inner loop becomes whole vectors. */                           \
    __attribute__((always_inline)) static inline void accumulate_##suffix(                        \
        T *out, const T *w, const T *x, int64_t hn, int64_t F) {                                   \
        for (int64_t h = 0; h < hn; ++h)                                                           \
            for (int64_t c = 0; c < F; ++c) out[h * F + c] += w[h] * x[h * F + c];                 \
    }                                                                                              \
                                                                                                   \
    /* g[h] = Σ_c ct[h·F + c]·x[h·F + c] for the block's heads. */                                 \
    __attribute__((always_inline)) static inline void head_dots_##suffix(                         \
        T *g, const T *ct, const T *x, int64_t hn, int64_t F) {                                    \
        for (int64_t h = 0; h < hn; ++h) g[h] = dot_##suffix(ct + h * F, x + h * F, F);           \
    }                                                                                              \
                                                                                                   \
    GG_DEFINE_EIGHT_HEADS(suffix, T, I)                                                            \
                                                                                                   \
    /* The forward pass of one row with 8 heads, the per-head state in one vector: the block      \
       loop of the general kernel with hn = 8, in the same order. */                              \
    __attribute__((always_inline)) static inline void attend_row8_##suffix(                       \
        const gg_attention_job *job, int64_t row) {                                                \
        const int64_t F = job->head_width, W = 8 * F;                                              \
        const T *ss = job->source_scores, *x = job->features, *mask = job->mask;                   \
        T *alpha = job->attention, *kept = job->kept, *out = (T *)job->node_rows + row * W;        \
        const int64_t lo = job->indptr[row], hi = job->indptr[row + 1];                            \
        const v8_##suffix slope = (v8_##suffix){0} + (T)job->slope;                                \
        const v8_##suffix t = load8_##suffix((const T *)job->target_scores + row * 8);             \
        v8_##suffix top = (v8_##suffix){0} - (T)INFINITY, scale = {0};                             \
        for (int64_t slot = lo; slot < hi; ++slot) {                                               \
            const v8_##suffix z = load8_##suffix(ss + (int64_t)job->sources[slot] * 8) + t;        \
            const v8_##suffix a = select8_##suffix(z >= z * slope, z, z * slope);                  \
            store8_##suffix(alpha + (int64_t)job->edge_ids[slot] * 8, a);                          \
            top = select8_##suffix(a >= top, a, top);                                              \
        }                                                                                          \
        top = select8_##suffix(top == (T)-INFINITY, (v8_##suffix){0}, top);                        \
        T shifted[GG_ATTENTION_EXP_CHUNK];                                                         \
        const int64_t chunk = GG_ATTENTION_EXP_CHUNK / 8;                                          \
        for (int64_t first_slot = lo; first_slot < hi; first_slot += chunk) {                      \
            const int64_t n = hi - first_slot < chunk ? hi - first_slot : chunk;                   \
            for (int64_t i = 0; i < n; ++i)                                                        \
                store8_##suffix(                                                                   \
                    shifted + 8 * i, load8_##suffix(alpha + (int64_t)job->edge_ids[first_slot + i] * 8) - top); \
            for (int64_t j = 0; j < 8 * n; ++j) shifted[j] = EXP(shifted[j]);                      \
            for (int64_t i = 0; i < n; ++i) {                                                      \
                const v8_##suffix a = load8_##suffix(shifted + 8 * i);                             \
                store8_##suffix(alpha + (int64_t)job->edge_ids[first_slot + i] * 8, a);            \
                scale += a;                                                                        \
            }                                                                                      \
        }                                                                                          \
        /* A segment whose scores are all −∞ sums to 0: its weights stay 0. */                    \
        scale = select8_##suffix(scale > 0, 1 / scale, (v8_##suffix){0});                          \
        v16_##suffix acc[4] = {{0}, {0}, {0}, {0}};                                                \
        if (F != 8)                                                                                \
            for (int64_t c = 0; c < W; ++c) out[c] = 0;                                            \
        for (int64_t slot = lo; slot < hi; ++slot) {                                               \
            const int64_t e = (int64_t)job->edge_ids[slot] * 8;                                    \
            const T *message = x + (int64_t)job->sources[slot] * W;                                \
            v8_##suffix w = load8_##suffix(alpha + e) * scale;                                     \
            store8_##suffix(alpha + e, w);                                                         \
            if (mask) {                                                                            \
                w *= load8_##suffix(mask + e);                                                     \
                store8_##suffix(kept + e, w);                                                      \
            }                                                                                      \
            if (F == 8) {                                                                          \
                accumulate8x8_##suffix(acc, w, message);                                           \
            } else {                                                                               \
                T weights[8];                                                                      \
                store8_##suffix(weights, w);                                                       \
                accumulate_##suffix(out, weights, message, 8, F);                                  \
            }                                                                                      \
        }                                                                                          \
        if (F == 8)                                                                                \
            for (int k = 0; k < 4; ++k) store16_##suffix(out + 16 * k, acc[k]);                    \
    }                                                                                              \
                                                                                                   \
    /* The backward pass of one row with 8 heads, as the general kernel's with hn = 8. */         \
    __attribute__((always_inline)) static inline void attend_backward_row8_##suffix(              \
        const gg_attention_job *job, int64_t row) {                                                \
        const int64_t F = job->head_width, W = 8 * F;                                              \
        const T *ss = job->source_scores, *x = job->features, *mask = job->mask, *alpha = job->attention; \
        const T *ct = (const T *)job->node_rows + row * W;                                         \
        T *gz = job->score_gradient;                                                               \
        const int64_t lo = job->indptr[row], hi = job->indptr[row + 1];                            \
        const v8_##suffix slope = (v8_##suffix){0} + (T)job->slope;                                \
        const v8_##suffix t = load8_##suffix((const T *)job->target_scores + row * 8);             \
        v8_##suffix total = {0}, gt = {0};                                                         \
        for (int64_t slot = lo; slot < hi; ++slot) {                                               \
            const int64_t e = (int64_t)job->edge_ids[slot] * 8;                                    \
            const T *message = x + (int64_t)job->sources[slot] * W;                                \
            v8_##suffix g;                                                                         \
            if (F == 8) {                                                                          \
                g = head_dots8x8_##suffix(ct, message);                                            \
            } else {                                                                               \
                T dots[8];                                                                         \
                head_dots_##suffix(dots, ct, message, 8, F);                                       \
                g = load8_##suffix(dots);                                                          \
            }                                                                                      \
            if (mask) g *= load8_##suffix(mask + e);                                               \
            g *= load8_##suffix(alpha + e);                                                        \
            store8_##suffix(gz + e, g);                                                            \
            total += g;                                                                            \
        }                                                                                          \
        for (int64_t slot = lo; slot < hi; ++slot) {                                               \
            const int64_t e = (int64_t)job->edge_ids[slot] * 8;                                    \
            const v8_##suffix g = load8_##suffix(gz + e) - load8_##suffix(alpha + e) * total;      \
            const v8_##suffix z = load8_##suffix(ss + (int64_t)job->sources[slot] * 8) + t;        \
            const v8_##suffix d = select8_##suffix(z * slope > z, g * slope, g);                   \
            store8_##suffix(gz + e, d);                                                            \
            gt += d;                                                                               \
        }                                                                                          \
        store8_##suffix((T *)job->target_gradient + row * 8, gt);                                  \
    }

#define GG_DEFINE_ATTENTION(suffix, T, EXP, family, target)                                        \
    target static void attend_rows_##suffix##_##family(const gg_attention_job *job, int64_t first, int64_t end) { \
        const int64_t H = job->heads, F = job->head_width, W = H * F;                              \
        const T slope = (T)job->slope;                                                             \
        const T *ss = job->source_scores, *ts = job->target_scores, *x = job->features;           \
        const T *mask = job->mask;                                                                 \
        T *alpha = job->attention, *kept = job->kept, *output = job->node_rows;                    \
        T top[GG_ATTENTION_HEAD_BLOCK], scale[GG_ATTENTION_HEAD_BLOCK], w[GG_ATTENTION_HEAD_BLOCK]; \
        T shifted[GG_ATTENTION_EXP_CHUNK];                                                         \
        for (int64_t row = first; row < end; ++row) {                                              \
            if (H == 8) {                                                                          \
                attend_row8_##suffix(job, row);                                                    \
                continue;                                                                          \
            }                                                                                      \
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
                /* exp over contiguous chunks of (slot, head) values: whole vectors even for  \
                   one head. */                                                                    \
                const int64_t chunk = GG_ATTENTION_EXP_CHUNK / hn;                                 \
                for (int64_t first_slot = lo; first_slot < hi; first_slot += chunk) {              \
                    const int64_t n = hi - first_slot < chunk ? hi - first_slot : chunk;           \
                    for (int64_t i = 0; i < n; ++i) {                                              \
                        const T *a = alpha + (int64_t)job->edge_ids[first_slot + i] * H + h0;      \
                        for (int64_t h = 0; h < hn; ++h) shifted[i * hn + h] = a[h] - top[h];     \
                    }                                                                              \
                    for (int64_t j = 0; j < n * hn; ++j) shifted[j] = EXP(shifted[j]);             \
                    for (int64_t i = 0; i < n; ++i) {                                              \
                        T *a = alpha + (int64_t)job->edge_ids[first_slot + i] * H + h0;            \
                        for (int64_t h = 0; h < hn; ++h) {                                         \
                            a[h] = shifted[i * hn + h];                                            \
                            scale[h] += a[h];                                                      \
                        }                                                                          \
                    }                                                                              \
                }                                                                                  \
                /* A segment whose scores are all −∞ sums to 0: its weights stay 0. */            \
                for (int64_t h = 0; h < hn; ++h) scale[h] = scale[h] > 0 ? 1 / scale[h] : 0;       \
                for (int64_t slot = lo; slot < hi; ++slot) {                                       \
                    const int64_t e = (int64_t)job->edge_ids[slot] * H + h0;                       \
                    const T *message = x + (int64_t)job->sources[slot] * W + h0 * F;               \
                    for (int64_t h = 0; h < hn; ++h) {                                             \
                        alpha[e + h] *= scale[h];                                                  \
                        w[h] = alpha[e + h];                                                       \
                    }                                                                              \
                    if (mask)                                                                      \
                        for (int64_t h = 0; h < hn; ++h) {                                         \
                            w[h] *= mask[e + h];                                                   \
                            kept[e + h] = w[h];                                                    \
                        }                                                                          \
                    if (F == 8)                                                                    \
                        accumulate_##suffix(out + h0 * F, w, message, hn, 8);                      \
                    else                                                                           \
                        accumulate_##suffix(out + h0 * F, w, message, hn, F);                      \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
    }                                                                                              \
                                                                                                   \
    target static void attend_backward_rows_##suffix##_##family(                                  \
        const gg_attention_job *job, int64_t first, int64_t end) {                                 \
        const int64_t H = job->heads, F = job->head_width, W = H * F;                              \
        const T slope = (T)job->slope;                                                             \
        const T *ss = job->source_scores, *ts = job->target_scores, *x = job->features;           \
        const T *mask = job->mask, *alpha = job->attention, *cotangent = job->node_rows;           \
        T *gz = job->score_gradient, *target_gradient = job->target_gradient;                      \
        T total[GG_ATTENTION_HEAD_BLOCK], g[GG_ATTENTION_HEAD_BLOCK];                              \
        for (int64_t row = first; row < end; ++row) {                                              \
            if (H == 8) {                                                                          \
                attend_backward_row8_##suffix(job, row);                                           \
                continue;                                                                          \
            }                                                                                      \
            const int64_t lo = job->indptr[row], hi = job->indptr[row + 1];                        \
            for (int64_t h0 = 0; h0 < H; h0 += GG_ATTENTION_HEAD_BLOCK) {                          \
                const int64_t hn = H - h0 < GG_ATTENTION_HEAD_BLOCK ? H - h0 : GG_ATTENTION_HEAD_BLOCK; \
                const T *ct = cotangent + row * W + h0 * F, *t = ts + row * H + h0;                \
                T *gt = target_gradient + row * H + h0;                                            \
                for (int64_t h = 0; h < hn; ++h) total[h] = 0, gt[h] = 0;                          \
                for (int64_t slot = lo; slot < hi; ++slot) {                                       \
                    const int64_t e = (int64_t)job->edge_ids[slot] * H + h0;                       \
                    const T *message = x + (int64_t)job->sources[slot] * W + h0 * F;               \
                    if (F == 8)                                                                    \
                        head_dots_##suffix(g, ct, message, hn, 8);                                 \
                    else                                                                           \
                        head_dots_##suffix(g, ct, message, hn, F);                                 \
                    if (mask)                                                                      \
                        for (int64_t h = 0; h < hn; ++h) g[h] *= mask[e + h];                      \
                    for (int64_t h = 0; h < hn; ++h) {                                             \
                        gz[e + h] = g[h] * alpha[e + h];                                           \
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

#define GG_DEFINE_ATTENTION_FAMILIES(suffix, T, I, EXP)                                              \
    GG_DEFINE_ATTENTION_HELPERS(suffix, T, I, EXP)                                                 \
    GG_DEFINE_ATTENTION_X86(suffix, T, EXP)                                                        \
    GG_DEFINE_ATTENTION(suffix, T, EXP, baseline, )                                                \
    void gg_attend_rows_##suffix(const gg_attention_job *job, int64_t first, int64_t end) {        \
        GG_FAMILY_CALL(attend_rows_##suffix, job, first, end);                                     \
    }                                                                                              \
    void gg_attend_backward_rows_##suffix(const gg_attention_job *job, int64_t first, int64_t end) { \
        GG_FAMILY_CALL(attend_backward_rows_##suffix, job, first, end);                            \
    }

#if defined(__x86_64__)
#define GG_DEFINE_ATTENTION_X86(suffix, T, EXP)                                                    \
    GG_DEFINE_ATTENTION(suffix, T, EXP, avx512, GG_TARGET_AVX512)                                  \
    GG_DEFINE_ATTENTION(suffix, T, EXP, avx2, GG_TARGET_AVX2)
#else
#define GG_DEFINE_ATTENTION_X86(suffix, T, EXP)
#endif

GG_DEFINE_ATTENTION_FAMILIES(f32, float, int32_t, gg_exp_one)
GG_DEFINE_ATTENTION_FAMILIES(f64, double, int64_t, exp)
