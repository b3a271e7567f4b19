// Weighted segment sums (SpMM rows) in the vector ISA of the GEMM's active family, for inputs
// that stay in the caches: there the loop is bound by arithmetic, and SSE2 needs four times the
// instructions of AVX-512 (Sources/Graphs/Sparse/SparseKernels+Aggregate.swift keeps the SSE2
// loop, with prefetching, for inputs that stream from memory).
//
// out[r, h, c] = Σ over the slots of row r, in slot order, of w[edge, h] · input[row(slot), h, c],
// each element summed on its own from 0 with the product rounded before the addition, exactly
// as the Swift loop does: the bits are the same in every family.
#include "CKernels.h"

#pragma clang fp contract(off)

// Columns per pass over a row's slots: 256 bytes of accumulators (four zmm or eight ymm).
#define GG_SEGMENT_BLOCK(T) ((int64_t)(256 / sizeof(T)))

#define GG_DEFINE_SEGMENT_SUM(name, T, target)                                                     \
    target static void name(const gg_segment_sum_job *job, int64_t first, int64_t end) {           \
        const T *input = job->input, *weights = job->weights;                                      \
        T *output = job->output;                                                                   \
        const int64_t heads = job->heads, head_width = job->head_width, width = heads * head_width; \
        for (int64_t row = first; row < end; ++row) {                                              \
            const int64_t lo = job->indptr[row], hi = job->indptr[row + 1];                        \
            for (int64_t h = 0; h < heads; ++h) {                                                  \
                T *out = output + row * width + h * head_width;                                    \
                for (int64_t c = 0; c < head_width; c += GG_SEGMENT_BLOCK(T)) {                    \
                    const int64_t n = head_width - c < GG_SEGMENT_BLOCK(T) ? head_width - c : GG_SEGMENT_BLOCK(T); \
                    T acc[GG_SEGMENT_BLOCK(T)] = {0};                                              \
                    for (int64_t slot = lo; slot < hi; ++slot) {                                   \
                        const T *x = input + (int64_t)job->input_rows[slot] * width + h * head_width + c; \
                        const T w = weights ? weights[(int64_t)job->edge_ids[slot] * heads + h] : (T)1; \
                        if (n == GG_SEGMENT_BLOCK(T)) {                                            \
                            for (int64_t k = 0; k < GG_SEGMENT_BLOCK(T); ++k) acc[k] += w * x[k];  \
                        } else {                                                                   \
                            for (int64_t k = 0; k < n; ++k) acc[k] += w * x[k];                    \
                        }                                                                          \
                    }                                                                              \
                    for (int64_t k = 0; k < n; ++k) out[c + k] = acc[k];                           \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
    }

#if defined(__x86_64__)
GG_DEFINE_SEGMENT_SUM(segment_sum_f32_avx512, float, __attribute__((target("avx512f,avx512vl"))))
GG_DEFINE_SEGMENT_SUM(segment_sum_f64_avx512, double, __attribute__((target("avx512f,avx512vl"))))
GG_DEFINE_SEGMENT_SUM(segment_sum_f32_avx2, float, __attribute__((target("avx2"))))
GG_DEFINE_SEGMENT_SUM(segment_sum_f64_avx2, double, __attribute__((target("avx2"))))
#endif

#define GG_DEFINE_SEGMENT_SUM_DISPATCH(suffix)                                                     \
    bool gg_segment_sum_rows_##suffix(const gg_segment_sum_job *job, int64_t first, int64_t end) { \
        switch (gg_gemm_active_kernel()) {                                                         \
        GG_SEGMENT_SUM_WIDE_CASES(suffix)                                                          \
        default: return false;                                                                     \
        }                                                                                          \
    }

#if defined(__x86_64__)
#define GG_SEGMENT_SUM_WIDE_CASES(suffix)                                                          \
    case GG_GEMM_AVX512: segment_sum_##suffix##_avx512(job, first, end); return true;             \
    case GG_GEMM_AVX2: segment_sum_##suffix##_avx2(job, first, end); return true;
#else
#define GG_SEGMENT_SUM_WIDE_CASES(suffix)
#endif

GG_DEFINE_SEGMENT_SUM_DISPATCH(f32)
GG_DEFINE_SEGMENT_SUM_DISPATCH(f64)
