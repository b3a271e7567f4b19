// Vectors over eight attention heads (GAT's 8 × 8 layout) for the fused attention and the
// whole-row segment sums: per-head state in one vector, and rows of 8 heads × 8 features in
// four vectors of 16, so that the per-head loops of the general kernels become a few vector
// instructions. Every operation rounds as the scalar loop it replaces (a product, then a sum;
// no contraction), so results are bit for bit the general kernels'.
#ifndef GRAPHGRAD_CKERNELS_EIGHT_HEADS_H
#define GRAPHGRAD_CKERNELS_EIGHT_HEADS_H

#pragma clang fp contract(off)

/// v8_<suffix>: one value per head; v16_<suffix>: two heads of 8 features; i8_<suffix>: the
/// comparison results of v8 (lanes all ones or all zeros).
#define GG_DEFINE_EIGHT_HEADS(suffix, T, I)                                                        \
    typedef T v8_##suffix __attribute__((vector_size(8 * sizeof(T))));                             \
    typedef I i8_##suffix __attribute__((vector_size(8 * sizeof(T))));                             \
    typedef T v16_##suffix __attribute__((vector_size(16 * sizeof(T))));                           \
                                                                                                   \
    __attribute__((always_inline)) static inline v8_##suffix load8_##suffix(const T *p) {                                         \
        v8_##suffix v;                                                                             \
        __builtin_memcpy(&v, p, sizeof v);                                                         \
        return v;                                                                                  \
    }                                                                                              \
    __attribute__((always_inline)) static inline void store8_##suffix(T *p, v8_##suffix v) { __builtin_memcpy(p, &v, sizeof v); } \
    __attribute__((always_inline)) static inline v16_##suffix load16_##suffix(const T *p) {                                       \
        v16_##suffix v;                                                                            \
        __builtin_memcpy(&v, p, sizeof v);                                                         \
        return v;                                                                                  \
    }                                                                                              \
    __attribute__((always_inline)) static inline void store16_##suffix(T *p, v16_##suffix v) { __builtin_memcpy(p, &v, sizeof v); } \
                                                                                                   \
    /* a where `take` is set, else b (C has no vector conditional operator). */                    \
    __attribute__((always_inline)) static inline v8_##suffix select8_##suffix(i8_##suffix take, v8_##suffix a, v8_##suffix b) {   \
        return (v8_##suffix)(((i8_##suffix)a & take) | ((i8_##suffix)b & ~take));                  \
    }                                                                                              \
                                                                                                   \
    /* acc[k] += w[head]·x[16k …] over a row of 8 heads × 8: each head's weight spread over its   \
       8 lanes. */                                                                                 \
    __attribute__((always_inline)) static inline void accumulate8x8_##suffix(                     \
        v16_##suffix acc[4], v8_##suffix w, const T *x) {                                          \
        acc[0] += __builtin_shufflevector(w, w, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1)    \
            * load16_##suffix(x);                                                                  \
        acc[1] += __builtin_shufflevector(w, w, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3)    \
            * load16_##suffix(x + 16);                                                             \
        acc[2] += __builtin_shufflevector(w, w, 4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5)    \
            * load16_##suffix(x + 32);                                                             \
        acc[3] += __builtin_shufflevector(w, w, 6, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7)    \
            * load16_##suffix(x + 48);                                                             \
    }                                                                                              \
                                                                                                   \
    /* g[h] = Σ_c a[8h + c]·b[8h + c] for 8 heads of 8, each summed from 0 in order of c (as the  \
       scalar dot product of fewer than 16 terms): the 64 products are transposed in registers   \
       so that one vector addition per c serves all heads. */                                     \
    __attribute__((always_inline)) static inline v8_##suffix head_dots8x8_##suffix(const T *a, const T *b) { \
        const v16_##suffix p0 = load16_##suffix(a) * load16_##suffix(b);                           \
        const v16_##suffix p1 = load16_##suffix(a + 16) * load16_##suffix(b + 16);                 \
        const v16_##suffix p2 = load16_##suffix(a + 32) * load16_##suffix(b + 32);                 \
        const v16_##suffix p3 = load16_##suffix(a + 48) * load16_##suffix(b + 48);                 \
        /* Heads 0–3 (from p0, p1) and 4–7 (p2, p3), features 0–3 and 4–7: lane 4c + h. */        \
        const v16_##suffix a0 = __builtin_shufflevector(p0, p1, 0, 8, 16, 24, 1, 9, 17, 25, 2, 10, 18, 26, 3, 11, 19, 27); \
        const v16_##suffix a1 = __builtin_shufflevector(p0, p1, 4, 12, 20, 28, 5, 13, 21, 29, 6, 14, 22, 30, 7, 15, 23, 31); \
        const v16_##suffix b0 = __builtin_shufflevector(p2, p3, 0, 8, 16, 24, 1, 9, 17, 25, 2, 10, 18, 26, 3, 11, 19, 27); \
        const v16_##suffix b1 = __builtin_shufflevector(p2, p3, 4, 12, 20, 28, 5, 13, 21, 29, 6, 14, 22, 30, 7, 15, 23, 31); \
        /* Two features' products of all 8 heads each. */                                          \
        const v16_##suffix c01 = __builtin_shufflevector(a0, b0, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23); \
        const v16_##suffix c23 = __builtin_shufflevector(a0, b0, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31); \
        const v16_##suffix c45 = __builtin_shufflevector(a1, b1, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23); \
        const v16_##suffix c67 = __builtin_shufflevector(a1, b1, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31); \
        v8_##suffix g = (v8_##suffix){0} + __builtin_shufflevector(c01, c01, 0, 1, 2, 3, 4, 5, 6, 7); \
        g += __builtin_shufflevector(c01, c01, 8, 9, 10, 11, 12, 13, 14, 15);                      \
        g += __builtin_shufflevector(c23, c23, 0, 1, 2, 3, 4, 5, 6, 7);                            \
        g += __builtin_shufflevector(c23, c23, 8, 9, 10, 11, 12, 13, 14, 15);                      \
        g += __builtin_shufflevector(c45, c45, 0, 1, 2, 3, 4, 5, 6, 7);                            \
        g += __builtin_shufflevector(c45, c45, 8, 9, 10, 11, 12, 13, 14, 15);                      \
        g += __builtin_shufflevector(c67, c67, 0, 1, 2, 3, 4, 5, 6, 7);                            \
        g += __builtin_shufflevector(c67, c67, 8, 9, 10, 11, 12, 13, 14, 15);                      \
        return g;                                                                                  \
    }

#endif
