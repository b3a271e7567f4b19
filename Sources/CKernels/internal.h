#ifndef GRAPHGRAD_CKERNELS_INTERNAL_H
#define GRAPHGRAD_CKERNELS_INTERNAL_H

#include <stddef.h>

#define GG_CAT_(a, b) a##b
#define GG_CAT(a, b) GG_CAT_(a, b)
#define GG_CAT3(a, b, c) GG_CAT(GG_CAT(a, b), c)

/// A 64-byte aligned buffer owned by the calling thread, at least `bytes` long. It is reused by
/// later calls on the same thread (contents are not preserved when it grows) and freed when the
/// thread exits, so packing never allocates per micro-kernel call.
void *gg_thread_workspace(size_t bytes);

#endif
