#include "internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct workspace {
    void *data;
    size_t capacity;
} workspace;

static pthread_key_t workspace_key;
static pthread_once_t workspace_once = PTHREAD_ONCE_INIT;

static void workspace_destroy(void *value) {
    workspace *ws = value;
    free(ws->data);
    free(ws);
}

static void workspace_make_key(void) { pthread_key_create(&workspace_key, workspace_destroy); }

// Allocation failure here means the process is out of memory for a few hundred KiB; there is no
// caller that could recover, so it reports and aborts rather than returning a null buffer.
static void *checked(void *p, size_t bytes) {
    if (p == NULL) {
        fprintf(stderr, "GraphGrad: cannot allocate %zu bytes of gemm workspace\n", bytes);
        abort();
    }
    return p;
}

void *gg_thread_workspace(size_t bytes) {
    pthread_once(&workspace_once, workspace_make_key);
    workspace *ws = pthread_getspecific(workspace_key);
    if (ws == NULL) {
        ws = checked(calloc(1, sizeof *ws), sizeof *ws);
        pthread_setspecific(workspace_key, ws);
    }
    if (ws->capacity < bytes) {
        size_t rounded = (bytes + 63) / 64 * 64;
        free(ws->data);
        ws->data = checked(aligned_alloc(64, rounded), rounded);
        ws->capacity = rounded;
    }
    return ws->data;
}
