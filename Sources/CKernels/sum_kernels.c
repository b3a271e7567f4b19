// Sums of contiguous elements in the vector ISA of the GEMM's active family (gemm_dispatch.c).
// Summing is bound by how fast one core can add: the baseline x86-64 target (SSE2) reaches about
// half the read bandwidth that AVX-512 does on 64 MiB. Every family adds element i into lane
// i mod GG_SUM_LANES and then combines the lanes in one fixed order, so all families, and any
// split of the work between threads, give the same bits.
#include "internal.h"

// 256 bytes of lanes: four zmm, eight ymm or sixteen xmm registers of accumulators, enough
// independent additions to hide their latency.
#define GG_SUM_LANES(T) ((int)(256 / sizeof(T)))

#define GG_DEFINE_SUM(name, T, target)                                                             \
    target static T name(const T *x, int64_t n) {                                                  \
        T acc[GG_SUM_LANES(T)] = {0};                                                              \
        int64_t i = 0;                                                                             \
        for (; i + GG_SUM_LANES(T) <= n; i += GG_SUM_LANES(T))                                     \
            for (int lane = 0; lane < GG_SUM_LANES(T); ++lane) acc[lane] += x[i + lane];           \
        for (int half = GG_SUM_LANES(T) / 2; half > 0; half /= 2)                                  \
            for (int lane = 0; lane < half; ++lane) acc[lane] += acc[lane + half];                 \
        T sum = acc[0];                                                                            \
        for (; i < n; ++i) sum += x[i];                                                            \
        return sum;                                                                                \
    }

#if defined(__x86_64__)
GG_DEFINE_SUM(sum_f32_avx512, float, GG_TARGET_AVX512)
GG_DEFINE_SUM(sum_f64_avx512, double, GG_TARGET_AVX512)
GG_DEFINE_SUM(sum_f32_avx2, float, GG_TARGET_AVX2)
GG_DEFINE_SUM(sum_f64_avx2, double, GG_TARGET_AVX2)
#endif
GG_DEFINE_SUM(sum_f32_baseline, float, )
GG_DEFINE_SUM(sum_f64_baseline, double, )

// Column sums of a strided block, each column added in row order. Four rows per pass over dst:
// a quarter of the accumulator loads and stores of one row at a time, with the same bits (the
// additions stay left to right). In Swift this loop compiled for the baseline SSE2 target and
// ran at 57% of memcpy on one thread.
#define GG_DEFINE_COLUMN_SUMS(name, T, target)                                                     \
    target static void name(const T *restrict src, int64_t stride, int64_t rows, int64_t width,    \
                            T *restrict dst) {                                                     \
        for (int64_t i = 0; i < width; ++i) dst[i] = src[i];                                       \
        int64_t k = 1;                                                                             \
        for (; k + 4 <= rows; k += 4) {                                                            \
            const T *r0 = src + k * stride, *r1 = r0 + stride, *r2 = r1 + stride;                  \
            const T *r3 = r2 + stride;                                                             \
            for (int64_t i = 0; i < width; ++i) dst[i] = dst[i] + r0[i] + r1[i] + r2[i] + r3[i];   \
        }                                                                                          \
        for (; k < rows; ++k) {                                                                    \
            const T *row = src + k * stride;                                                       \
            for (int64_t i = 0; i < width; ++i) dst[i] += row[i];                                  \
        }                                                                                          \
    }

#if defined(__x86_64__)
GG_DEFINE_COLUMN_SUMS(column_sums_f32_avx512, float, GG_TARGET_AVX512)
GG_DEFINE_COLUMN_SUMS(column_sums_f64_avx512, double, GG_TARGET_AVX512)
GG_DEFINE_COLUMN_SUMS(column_sums_f32_avx2, float, GG_TARGET_AVX2)
GG_DEFINE_COLUMN_SUMS(column_sums_f64_avx2, double, GG_TARGET_AVX2)
#endif
GG_DEFINE_COLUMN_SUMS(column_sums_f32_baseline, float, )
GG_DEFINE_COLUMN_SUMS(column_sums_f64_baseline, double, )

float gg_sum_f32(const float *x, int64_t n) { return GG_FAMILY_CALL(sum_f32, x, n); }

double gg_sum_f64(const double *x, int64_t n) { return GG_FAMILY_CALL(sum_f64, x, n); }

void gg_column_sums_f32(const float *src, int64_t stride, int64_t rows, int64_t width, float *dst) {
    GG_FAMILY_CALL(column_sums_f32, src, stride, rows, width, dst);
}

void gg_column_sums_f64(const double *src, int64_t stride, int64_t rows, int64_t width,
                        double *dst) {
    GG_FAMILY_CALL(column_sums_f64, src, stride, rows, width, dst);
}
