#include "CKernels.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// A fresh block of memory costs a page fault and the kernel's zeroing of each page on its
// first write, about as much as writing the block once more: an elementwise op into a fresh
// 64 MiB output ran at half the rate of the same kernel into a warm buffer. Freed large
// storages therefore wait here, and the next storage of the same size class takes one whose
// pages are already mapped (as PyTorch's caching allocator does).
//
// Blocks are kept oldest first; a request takes the newest block of its class (its pages are
// the likeliest to be in cache), and a release that would go over the limit frees the oldest
// blocks first. The pool holds few blocks (limit / 4 MiB at most), so linear scans suffice.

// Storages under the pool's smallest class come from malloc. glibc adapts its thresholds as the
// process runs: after some frees it gave heap tops back to the system and served the next
// allocations from fresh pages again, so a GraphSAGE step on Cora took 800 page faults and
// spent a fifth of its time in the kernel. Fixed thresholds stop that: allocations under 4 MiB
// (the pool takes larger ones) stay on the heap, and its top is returned only past 64 MiB free.
#if defined(__GLIBC__)
#include <malloc.h>
__attribute__((constructor)) static void gg_fix_malloc_thresholds(void) {
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
}
#endif

// Size classes are multiples of the huge-page size: blocks are aligned to it, so every page of
// a block can be a huge page.
static const int64_t granule = (int64_t)2 << 20;

typedef struct pool_entry {
    void *block;
    int64_t bytes;
} pool_entry;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pool_entry *entries;
static int64_t entry_count, entry_capacity;
static int64_t cached_bytes, reuse_count;
static int64_t byte_limit = (int64_t)256 << 20;

int64_t gg_storage_class_bytes(int64_t bytes) { return (bytes + granule - 1) / granule * granule; }

void *gg_storage_acquire(int64_t bytes) {
    const int64_t size = gg_storage_class_bytes(bytes);
    pthread_mutex_lock(&lock);
    for (int64_t i = entry_count - 1; i >= 0; --i) {
        if (entries[i].bytes != size) continue;
        void *block = entries[i].block;
        memmove(entries + i, entries + i + 1, (size_t)(entry_count - i - 1) * sizeof *entries);
        entry_count -= 1;
        cached_bytes -= size;
        reuse_count += 1;
        pthread_mutex_unlock(&lock);
        return block;
    }
    pthread_mutex_unlock(&lock);
    void *block = NULL;
    if (posix_memalign(&block, (size_t)granule, (size_t)size) != 0) {
        // Out of memory: the cached blocks of other classes may be what is missing.
        gg_storage_pool_drain();
        if (posix_memalign(&block, (size_t)granule, (size_t)size) != 0) return NULL;
    }
    gg_advise_huge_pages(block, size);
    return block;
}

// Frees the oldest blocks until the cached bytes plus `reserve` fit the limit (all of them when
// `reserve` exceeds it). The lock is not held while a block is freed: returning 64 MiB to the
// system takes milliseconds.
static void trim(int64_t reserve) {
    while (1) {
        pthread_mutex_lock(&lock);
        if (entry_count == 0 || cached_bytes <= byte_limit - reserve) {
            pthread_mutex_unlock(&lock);
            return;
        }
        void *oldest = entries[0].block;
        cached_bytes -= entries[0].bytes;
        entry_count -= 1;
        memmove(entries, entries + 1, (size_t)entry_count * sizeof *entries);
        pthread_mutex_unlock(&lock);
        free(oldest);
    }
}

void gg_storage_release(void *block, int64_t bytes) {
    const int64_t size = gg_storage_class_bytes(bytes);
    pthread_mutex_lock(&lock);
    const bool fits = size <= byte_limit;
    pthread_mutex_unlock(&lock);
    if (!fits) {
        free(block);
        return;
    }
    trim(size);
    pthread_mutex_lock(&lock);
    if (entry_count == entry_capacity) {
        const int64_t capacity = entry_capacity == 0 ? 16 : 2 * entry_capacity;
        pool_entry *grown = realloc(entries, (size_t)capacity * sizeof *entries);
        if (grown == NULL) {
            pthread_mutex_unlock(&lock);
            free(block);
            return;
        }
        entries = grown;
        entry_capacity = capacity;
    }
    entries[entry_count++] = (pool_entry){block, size};
    cached_bytes += size;
    pthread_mutex_unlock(&lock);
    // Another thread may have released a block, or lowered the limit, since the trim above.
    trim(0);
}

int64_t gg_storage_pool_limit(void) {
    pthread_mutex_lock(&lock);
    const int64_t limit = byte_limit;
    pthread_mutex_unlock(&lock);
    return limit;
}

void gg_storage_pool_set_limit(int64_t bytes) {
    pthread_mutex_lock(&lock);
    byte_limit = bytes < 0 ? 0 : bytes;
    pthread_mutex_unlock(&lock);
    trim(0);
}

void gg_storage_pool_drain(void) { trim(INT64_MAX); }

int64_t gg_storage_pool_cached_bytes(void) {
    pthread_mutex_lock(&lock);
    const int64_t bytes = cached_bytes;
    pthread_mutex_unlock(&lock);
    return bytes;
}

int64_t gg_storage_pool_reuses(void) {
    pthread_mutex_lock(&lock);
    const int64_t count = reuse_count;
    pthread_mutex_unlock(&lock);
    return count;
}
