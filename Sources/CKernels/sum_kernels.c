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

float gg_sum_f32(const float *x, int64_t n) { return GG_FAMILY_CALL(sum_f32, x, n); }

double gg_sum_f64(const double *x, int64_t n) { return GG_FAMILY_CALL(sum_f64, x, n); }
