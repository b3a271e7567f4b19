#include "internal.h"

#include "CKernels.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct buffer {
    void *data;
    size_t capacity;
} buffer;

// The calling thread's buffers: GEMM packing of A, of B, and staged gather sources.
typedef struct workspace {
    buffer packing;
    buffer staging;
    buffer packed_b;
} workspace;

static pthread_key_t workspace_key;
static pthread_once_t workspace_once = PTHREAD_ONCE_INIT;

static void workspace_destroy(void *value) {
    workspace *ws = value;
    free(ws->packing.data);
    free(ws->staging.data);
    free(ws->packed_b.data);
    free(ws);
}

static void workspace_make_key(void) { pthread_key_create(&workspace_key, workspace_destroy); }

// Allocation failure here means the process is out of memory; there is no caller that could
// recover, so it reports and aborts rather than returning a null buffer.
static void *checked(void *p, size_t bytes) {
    if (p == NULL) {
        fprintf(stderr, "GraphGrad: cannot allocate %zu bytes of thread workspace\n", bytes);
        abort();
    }
    return p;
}

static workspace *this_thread(void) {
    pthread_once(&workspace_once, workspace_make_key);
    workspace *ws = pthread_getspecific(workspace_key);
    if (ws == NULL) {
        ws = checked(calloc(1, sizeof *ws), sizeof *ws);
        pthread_setspecific(workspace_key, ws);
    }
    return ws;
}

// Grows `b` to at least `bytes`, a multiple of `alignment` aligned to it; huge pages are asked
// for before the first touch, when the kernel can still back the range with them.
static void *grow(buffer *b, size_t bytes, size_t alignment, bool huge) {
    if (b->capacity < bytes) {
        size_t rounded = (bytes + alignment - 1) / alignment * alignment;
        free(b->data);
        b->data = checked(aligned_alloc(alignment, rounded), rounded);
        b->capacity = rounded;
        if (huge) gg_advise_huge_pages(b->data, (int64_t)rounded);
    }
    return b->data;
}

void *gg_thread_workspace(size_t bytes) { return grow(&this_thread()->packing, bytes, 64, false); }

void *gg_thread_packed_b(int64_t bytes) { return grow(&this_thread()->packed_b, (size_t)bytes, 64, false); }

void *gg_thread_staging(int64_t bytes) {
    return grow(&this_thread()->staging, (size_t)bytes, (size_t)2 << 20, true);
}
