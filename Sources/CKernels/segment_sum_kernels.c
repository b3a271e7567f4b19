// Weighted segment sums (SpMM rows) in the vector ISA of the GEMM's active family, for inputs
// that stay in the caches: there the loop is bound by arithmetic, and SSE2 needs four times the
// instructions of AVX-512 (Sources/Graphs/Sparse/SparseKernels+Aggregate.swift keeps the SSE2
// loop, with prefetching, for inputs that stream from memory).
//
// out[r, h, c] = Σ over the slots of row r, in slot order, of w[edge, h] · input[row(slot), h, c],
// each element summed on its own from 0 with the product rounded before the addition, exactly
// as the Swift loop does: the bits are the same in every family.
#include "eight_heads.h"
#include "internal.h"

#pragma clang fp contract(off)

// Row `row` of an 8 × 8 job, summed in registers.
#define GG_DEFINE_SUM_ROW8X8(suffix, T, I)                                                         \
    GG_DEFINE_EIGHT_HEADS(suffix, T, I)                                                            \
    __attribute__((always_inline)) static inline void sum_row8x8_##suffix(const gg_segment_sum_job *job, int64_t row) { \
        const T *input = job->input, *weights = job->weights;                                      \
        v16_##suffix acc[4] = {{0}, {0}, {0}, {0}};                                                \
        for (int64_t slot = job->indptr[row]; slot < job->indptr[row + 1]; ++slot)                 \
            accumulate8x8_##suffix(                                                                \
                acc, load8_##suffix(weights + (int64_t)job->edge_ids[slot] * 8), input + (int64_t)job->input_rows[slot] * 64); \
        for (int k = 0; k < 4; ++k) store16_##suffix((T *)job->output + row * 64 + 16 * k, acc[k]); \
    }

GG_DEFINE_SUM_ROW8X8(f32, float, int32_t)
GG_DEFINE_SUM_ROW8X8(f64, double, int64_t)

typedef float f32x16 __attribute__((vector_size(64)));
typedef float f32x8 __attribute__((vector_size(32)));
typedef float f32x4 __attribute__((vector_size(16)));
typedef double f64x8 __attribute__((vector_size(64)));
typedef double f64x4 __attribute__((vector_size(32)));
typedef double f64x2 __attribute__((vector_size(16)));

// The widest rows summed whole (kept on the stack); wider ones stay with the Swift loop.
enum { GG_WHOLE_ROW_WIDTH = 256 };

// The input row of a slot from the current head's first column, and the slot's weight.
#define GG_SEGMENT_ROW(slot) (column0 + (int64_t)job->input_rows[slot] * width)
#define GG_SEGMENT_WEIGHT(slot) (weights ? weights[(int64_t)job->edge_ids[slot] * heads + h] : one)

// One pass over the slots of [lo, hi) accumulating `count` vectors of type V from column c on,
// then storing them: the accumulators stay in registers across the slots.
#define GG_SEGMENT_PASS(V, T, count)                                                               \
    do {                                                                                           \
        V acc[count];                                                                              \
        for (int k = 0; k < (count); ++k) acc[k] = (V){0};                                         \
        for (int64_t slot = lo; slot < hi; ++slot) {                                               \
            const T *x = GG_SEGMENT_ROW(slot) + c;                                                 \
            const T w = GG_SEGMENT_WEIGHT(slot);                                                   \
            for (int k = 0; k < (count); ++k) {                                                    \
                V v;                                                                               \
                __builtin_memcpy(&v, x + k * (int64_t)(sizeof(V) / sizeof(T)), sizeof(V));         \
                acc[k] += w * v;                                                                   \
            }                                                                                      \
        }                                                                                          \
        __builtin_memcpy(out + c, acc, sizeof acc);                                                \
        c += (count) * (int64_t)(sizeof(V) / sizeof(T));                                           \
    } while (0)

// Columns go in passes of four 64-byte vectors, then of one, then of a 32- and a 16-byte vector
// as the rest needs, then single scalars, as the Swift loop does; narrow heads as whole rows, as
// its `sumHeads` (8 heads of 8 in registers, the weights spread over their heads' lanes).
#define GG_DEFINE_SEGMENT_SUM(name, suffix, T, V64, V32, V16, target)                              \
    target static bool name(const gg_segment_sum_job *job, int64_t first, int64_t end) {           \
        const T *input = job->input, *weights = job->weights;                                      \
        T *output = job->output;                                                                   \
        const int64_t heads = job->heads, head_width = job->head_width, width = heads * head_width; \
        const int64_t per64 = (int64_t)(64 / sizeof(T)), per32 = per64 / 2, per16 = per64 / 4;    \
        const T one = 1;                                                                           \
        /* Heads narrower than a vector (GAT's 8 × 8) are summed a whole row per slot, each      \
           scalar with its head's weight. */                                                       \
        const bool whole_rows = heads > 1 && head_width < per64;                                   \
        int32_t head_of[GG_WHOLE_ROW_WIDTH];                                                       \
        if (whole_rows) {                                                                          \
            if (width > GG_WHOLE_ROW_WIDTH) return false;                                          \
            for (int64_t c = 0; c < width; ++c) head_of[c] = (int32_t)(c / head_width);            \
        }                                                                                          \
        for (int64_t row = first; row < end; ++row) {                                              \
            const int64_t lo = job->indptr[row], hi = job->indptr[row + 1];                        \
            if (weights && heads == 8 && head_width == 8) {                                       \
                sum_row8x8_##suffix(job, row);                                                     \
                continue;                                                                          \
            }                                                                                      \
            if (whole_rows) {                                                                      \
                T acc[GG_WHOLE_ROW_WIDTH];                                                         \
                for (int64_t c = 0; c < width; ++c) acc[c] = 0;                                    \
                for (int64_t slot = lo; slot < hi; ++slot) {                                       \
                    const T *x = input + (int64_t)job->input_rows[slot] * width;                   \
                    const T *w = weights + (int64_t)job->edge_ids[slot] * heads;                   \
                    for (int64_t c = 0; c < width; ++c) acc[c] += w[head_of[c]] * x[c];            \
                }                                                                                  \
                for (int64_t c = 0; c < width; ++c) output[row * width + c] = acc[c];              \
                continue;                                                                          \
            }                                                                                      \
            for (int64_t h = 0; h < heads; ++h) {                                                  \
                T *out = output + row * width + h * head_width;                                    \
                const T *column0 = input + h * head_width;                                         \
                int64_t c = 0;                                                                     \
                while (c + 4 * per64 <= head_width) GG_SEGMENT_PASS(V64, T, 4);                    \
                while (c + per64 <= head_width) GG_SEGMENT_PASS(V64, T, 1);                        \
                if (c + per32 <= head_width) GG_SEGMENT_PASS(V32, T, 1);                           \
                if (c + per16 <= head_width) GG_SEGMENT_PASS(V16, T, 1);                           \
                if (c < head_width) {                                                              \
                    const int64_t n = head_width - c;                                              \
                    T acc[4] = {0};                                                                \
                    for (int64_t slot = lo; slot < hi; ++slot) {                                   \
                        const T *x = GG_SEGMENT_ROW(slot) + c;                                     \
                        const T w = GG_SEGMENT_WEIGHT(slot);                                       \
                        for (int64_t k = 0; k < n; ++k) acc[k] += w * x[k];                        \
                    }                                                                              \
                    for (int64_t k = 0; k < n; ++k) out[c + k] = acc[k];                           \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
        return true;                                                                               \
    }

#if defined(__x86_64__)
GG_DEFINE_SEGMENT_SUM(segment_sum_f32_avx512, f32, float, f32x16, f32x8, f32x4, GG_TARGET_AVX512)
GG_DEFINE_SEGMENT_SUM(segment_sum_f64_avx512, f64, double, f64x8, f64x4, f64x2, GG_TARGET_AVX512)
GG_DEFINE_SEGMENT_SUM(segment_sum_f32_avx2, f32, float, f32x16, f32x8, f32x4, GG_TARGET_AVX2)
GG_DEFINE_SEGMENT_SUM(segment_sum_f64_avx2, f64, double, f64x8, f64x4, f64x2, GG_TARGET_AVX2)
#endif

// The baseline family has no kernel here: the Swift loop runs in the baseline ISA already, so the
// callers keep it.
#define GG_DEFINE_SEGMENT_SUM_BASELINE(suffix)                                                     \
    static bool segment_sum_##suffix##_baseline(const gg_segment_sum_job *job, int64_t first, int64_t end) { \
        (void)job, (void)first, (void)end;                                                         \
        return false;                                                                              \
    }                                                                                              \
    bool gg_segment_sum_rows_##suffix(const gg_segment_sum_job *job, int64_t first, int64_t end) { \
        return GG_FAMILY_CALL(segment_sum_##suffix, job, first, end);                              \
    }

GG_DEFINE_SEGMENT_SUM_BASELINE(f32)
GG_DEFINE_SEGMENT_SUM_BASELINE(f64)
