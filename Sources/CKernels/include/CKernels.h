#ifndef GRAPHGRAD_CKERNELS_H
#define GRAPHGRAD_CKERNELS_H

// Register-tiled GEMM building blocks and threading helpers for the Tensors module.
// The vector ISA is chosen at run time (see gemm_dispatch.c), so the target builds with
// the toolchain's default flags and the package stays usable as a dependency.

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Kernel families, best first. The numeric value is the `kernel` argument of the gemm calls.
typedef enum gg_gemm_kernel_id {
    GG_GEMM_AVX512 = 0,
    GG_GEMM_AVX2 = 1,
    GG_GEMM_BASELINE = 2,
    GG_GEMM_KERNEL_COUNT = 3
} gg_gemm_kernel_id;

/// Register tile (mr × nr) and cache blocks (mc, kc, nc) of one kernel for one element type.
typedef struct gg_gemm_blocking {
    int64_t mr, nr, mc, kc, nc;
} gg_gemm_blocking;

/// Short name of a kernel family ("avx512", "avx2", "baseline").
const char *gg_gemm_kernel_name(int kernel);
/// Whether this processor can run the kernel family.
bool gg_gemm_kernel_supported(int kernel);
/// The family the process uses now (the best supported one unless changed).
int gg_gemm_active_kernel(void);
/// Selects a supported family for later gemm calls; returns false (and changes nothing) otherwise.
bool gg_gemm_set_active_kernel(int kernel);

gg_gemm_blocking gg_sgemm_blocking(int kernel);
gg_gemm_blocking gg_dgemm_blocking(int kernel);

/// Packs the kc × nc block of op(B) whose top-left element is at `b` into nr-wide column
/// panels at `bp`; panel j starts at bp + j·kc·nr. The last panel is zero-padded to nr columns,
/// or to nr / 2 (one vector) when it has at most that many.
void gg_sgemm_pack_b(int kernel, bool trans_b, int64_t kc, int64_t nc,
                     const float *b, int64_t ldb, float *bp);
void gg_dgemm_pack_b(int kernel, bool trans_b, int64_t kc, int64_t nc,
                     const double *b, int64_t ldb, double *bp);

/// C[mc × nc] = (accumulate ? C : 0) + op(A)[mc × kc] · Bpacked[kc × nc], or with `trans_c` the
/// same into the transpose (element (i, j) at c[j·ldc + i]). Packs the A block into this
/// thread's workspace. `bp` is a packed B block (gg_*gemm_pack_b) that starts at an nr-panel
/// boundary. mc ≤ blocking.mc and kc ≤ blocking.kc.
void gg_sgemm_block(int kernel, bool trans_a, int64_t mc, int64_t nc, int64_t kc,
                    const float *a, int64_t lda, const float *bp,
                    float *c, int64_t ldc, bool accumulate, bool trans_c);
void gg_dgemm_block(int kernel, bool trans_a, int64_t mc, int64_t nc, int64_t kc,
                    const double *a, int64_t lda, const double *bp,
                    double *c, int64_t ldc, bool accumulate, bool trans_c);

/// Unblocked loop for tiny problems: C = (accumulate ? C : 0) + op(A)·op(B).
void gg_sgemm_small(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k,
                    const float *a, int64_t lda, const float *b, int64_t ldb,
                    float *c, int64_t ldc, bool accumulate);
void gg_dgemm_small(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k,
                    const double *a, int64_t lda, const double *b, int64_t ldb,
                    double *c, int64_t ldc, bool accumulate);

/// Sum of x[0..<n] in the active family's vector ISA; the bits depend only on n and the
/// elements, never on the family.
float gg_sum_f32(const float *x, int64_t n);
double gg_sum_f64(const double *x, int64_t n);

/// dst[i] = src[i] + src[stride + i] + ... + src[(rows - 1) * stride + i] for i in 0..<width,
/// added in row order (rows ≥ 1; dst does not overlap src): the same bits in every family.
void gg_column_sums_f32(const float *src, int64_t stride, int64_t rows, int64_t width, float *dst);
void gg_column_sums_f64(const double *src, int64_t stride, int64_t rows, int64_t width,
                        double *dst);

/// out[i] = scale when SplitMix64's (i+1)-th output after `state`, shifted right by 11, is below
/// `threshold`, else 0, for i in 0..<n: a dropout mask, the same bits in every family.
void gg_dropout_mask_f32(uint64_t state, int64_t n, uint64_t threshold, float scale, float *out);
void gg_dropout_mask_f64(uint64_t state, int64_t n, uint64_t threshold, double scale, double *out);

/// The constants of one Adam step over one parameter, in double; the kernels round each to the
/// element type once: β₁, β₂, ε, the weight decay λ, the decoupled shrink 1 − η·λ, the step
/// η / (1 − β₁ᵗ), √(1 − β₂ᵗ), and which kind of decay applies.
typedef struct gg_adam_constants {
    double beta1, beta2, epsilon, weight_decay, shrink, step_size, root_correction2;
    bool coupled_decay, decoupled_decay;
} gg_adam_constants;

/// One Adam step over n elements, in the active family's vector ISA with the bits of the scalar
/// formula in every family: g ← g + λ·w (coupled decay), w ← w·shrink (decoupled decay),
/// m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g·g, w ← w − step·m / (√v / √(1 − β₂ᵗ) + ε).
void gg_adam_f32(float *w, const float *g, float *m, float *v, int64_t n, const gg_adam_constants *k);
void gg_adam_f64(double *w, const double *g, double *m, double *v, int64_t n, const gg_adam_constants *k);

/// out[i] = exp(x[i]) for i in 0..<n, evaluated in double in the active family's vector ISA
/// (exp_kernels.c): the same bits in every family, within one rounding of the exact value.
void gg_exp_f32(const float *x, float *out, int64_t n);
/// out[i] = expm1(x[i]) (with `elu`, x[i] where x[i] > 0), evaluated as gg_exp_f32.
void gg_expm1_f32(const float *x, float *out, int64_t n, bool elu);

/// A weighted segment sum over rows of a compressed adjacency (segment_sum_kernels.c):
/// out[r, h, :] = Σ over the slots of r of w[edge, h] · input[input_rows[slot], h, :], in slot order.
typedef struct gg_segment_sum_job {
    const int64_t *indptr;
    const int32_t *input_rows;
    const int32_t *edge_ids;
    /// [edges, heads] weights of the scalar type, or NULL for weight 1 (then heads is 1).
    const void *weights;
    const void *input;
    void *output;
    int64_t heads;
    int64_t head_width;
} gg_segment_sum_job;

/// Runs rows first..<end of `job` in the active family's vector ISA and returns true, or returns
/// false without writing when the family has no such kernel or narrow heads make rows wider than
/// it sums whole (the caller's loop then runs).
bool gg_segment_sum_rows_f32(const gg_segment_sum_job *job, int64_t first, int64_t end);
bool gg_segment_sum_rows_f64(const gg_segment_sum_job *job, int64_t first, int64_t end);

/// GAT's fused attention over a node's incoming slots (attention_kernels.c): edge u → v and head h
/// score LeakyReLU(s[u, h] + t[v, h]), softmax-normalized over v's slots. Arrays of the scalar
/// type: scores [N, H], features [N, H, F], mask, attention, kept and score_gradient [E, H],
/// node_rows [N, H, F], target_gradient [N, H].
typedef struct gg_attention_job {
    int64_t heads;
    int64_t head_width;
    /// The incoming adjacency: rows' slot ranges, each slot's source node and edge.
    const int64_t *indptr;
    const int32_t *sources;
    const int32_t *edge_ids;
    double slope;
    const void *source_scores;
    const void *target_scores;
    const void *features;
    /// Dropout mask (0 or 1/keep), or NULL for none.
    const void *mask;
    /// Forward: writes α (before the mask). Backward: reads it.
    void *attention;
    /// Forward: writes α·mask when there is a mask.
    void *kept;
    /// Forward: writes the output rows. Backward: reads the output's cotangent.
    void *node_rows;
    /// Backward: writes the scores' cotangent per edge and its sums per target node.
    void *score_gradient;
    void *target_gradient;
} gg_attention_job;

/// Forward pass for rows first..<end: α, α·mask and out[v] = Σ α·mask·x[u] per head.
void gg_attend_rows_f32(const gg_attention_job *job, int64_t first, int64_t end);
void gg_attend_rows_f64(const gg_attention_job *job, int64_t first, int64_t end);
/// Backward pass for rows first..<end, from the cotangent in node_rows.
void gg_attend_backward_rows_f32(const gg_attention_job *job, int64_t first, int64_t end);
void gg_attend_backward_rows_f64(const gg_attention_job *job, int64_t first, int64_t end);

/// Process-wide kernel thread count; 0 means "not set" (callers use the processor count).
int64_t gg_thread_count(void);
void gg_set_thread_count(int64_t count);
/// Processors this process may run on.
int64_t gg_available_processors(void);

/// Atomically adds 1 to *counter and returns the previous value (work distribution).
int64_t gg_fetch_increment(int64_t *counter);

/// Whether the calling thread records operations on the autodiff tape (default: true).
bool gg_tape_recording(void);
void gg_set_tape_recording(bool on);
/// Whether the calling thread is inside a forward-mode rule, where tangents stop.
bool gg_tangents_suspended(void);
void gg_set_tangents_suspended(bool suspended);

/// Hints that the cache line at `address` will be read soon (gathers with random addresses,
/// whose misses the hardware prefetchers cannot predict). Never faults. It asks for the line in
/// L2, not L1 (prefetcht1 on x86): on the SpMM benchmark's random row gathers that ran about
/// 20% faster than prefetcht0 at every distance tried.
static inline void gg_prefetch(const void *address) { __builtin_prefetch(address, 0, 2); }

/// Loads *slot with acquire ordering.
static inline void *gg_atomic_load_pointer(void *const *slot) { return __atomic_load_n(slot, __ATOMIC_ACQUIRE); }
/// Stores `value` into *slot if it holds NULL; returns whether it did (acquire-release).
static inline bool gg_atomic_store_pointer_if_null(void **slot, void *value) {
    void *expected = 0;
    return __atomic_compare_exchange_n(slot, &expected, value, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

/// Sixteen bytes in a vector register (imported into Swift as SIMD4<Float>).
typedef float gg_vector16 __attribute__((ext_vector_type(4)));

/// Stores 16 bytes at `address` (16-byte aligned) with a non-temporal store: the line goes to
/// memory without first being read into the cache. An ordinary store to a line not in cache
/// reads it first, so writing an output far larger than the cache moves its bytes twice.
/// Call gg_stream_fence before other threads read what was stored.
static inline void gg_stream_store16(void *address, gg_vector16 value) {
    __builtin_nontemporal_store(value, (gg_vector16 *)address);
}

/// Orders the calling thread's non-temporal stores before its later stores.
static inline void gg_stream_fence(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_sfence();
#else
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

/// Asks the kernel to back the 2 MiB-aligned interior of [start, start + bytes) with huge
/// pages (a hint; ignored where unsupported).
void gg_advise_huge_pages(void *start, int64_t bytes);

/// A 64-byte aligned buffer of at least `bytes` owned by the calling thread, for the packed B
/// blocks of one gemm call (which worker threads read while the call lasts). It is reused by
/// later calls on the same thread, so a product allocates no fresh pages once the buffer has
/// grown (a fresh allocation per product page-faulted its way through every training step).
void *gg_thread_packed_b(int64_t bytes);

/// A buffer of at least `bytes` owned by the calling thread, aligned to 2 MiB and backed by
/// huge pages where the system grants them, for copying a gather source into (see the sparse
/// kernels). It is reused by later calls on the same thread (contents are not preserved when it
/// grows) and freed when the thread exits.
void *gg_thread_staging(int64_t bytes);

/// The bytes a pooled block for `bytes` holds: `bytes` rounded up to its size class (a
/// multiple of 2 MiB).
int64_t gg_storage_class_bytes(int64_t bytes);
/// A block of at least `bytes` bytes, aligned to 2 MiB: a cached block of the same size class
/// when the pool has one (its old contents remain), else a fresh one advised for huge pages;
/// NULL when memory is exhausted. Thread-safe.
void *gg_storage_acquire(int64_t bytes);
/// Returns a block from gg_storage_acquire(bytes) to the pool, which frees it, or its oldest
/// blocks, when keeping it would exceed the pool's limit. Thread-safe.
void gg_storage_release(void *block, int64_t bytes);
/// The most bytes the pool keeps cached (default 256 MiB); setting it frees blocks over it.
int64_t gg_storage_pool_limit(void);
void gg_storage_pool_set_limit(int64_t bytes);
/// Frees every cached block.
void gg_storage_pool_drain(void);
/// Bytes cached now, and the number of requests served from the cache so far.
int64_t gg_storage_pool_cached_bytes(void);
int64_t gg_storage_pool_reuses(void);

#ifdef __cplusplus
}
#endif

#endif
