import CKernels

/// The process-wide cache of large tensor storages.
///
/// A tensor whose elements take at least 4 MiB stores them in a block from this pool. When the
/// last tensor sharing the block is gone, the block goes back to the pool instead of to the
/// system, and the next tensor of the same size class (the size rounded up to a multiple of
/// 2 MiB) reuses it. A fresh block costs a page fault and the system's zeroing of every page on
/// the first write, about as much as the elementwise operation that writes it; a reused block
/// has its pages mapped already.
///
/// The pool keeps at most ``byteLimit`` bytes; releasing a block over that frees the oldest
/// cached blocks first. Tensors never see stale values: every operation writes all of its
/// output, and creation functions such as `Tensor.zeros` write their values. All members are
/// thread-safe.
public enum TensorStoragePool {
    /// The most bytes of freed storage kept for reuse (default 256 MiB); 0 turns caching off.
    /// Lowering it frees cached blocks over the new limit.
    public static var byteLimit: Int {
        get { Int(gg_storage_pool_limit()) }
        set { gg_storage_pool_set_limit(Int64(newValue)) }
    }

    /// Bytes of freed storage cached now.
    public static var cachedBytes: Int { Int(gg_storage_pool_cached_bytes()) }

    /// How many storages so far were served from the cache rather than freshly allocated.
    public static var reuseCount: Int { Int(gg_storage_pool_reuses()) }

    /// The bytes a storage of `count` elements of `scalar` holds in the pool: its size class,
    /// or nil when a storage that small does not use the pool.
    public static func blockBytes<Scalar: TensorScalar>(count: Int, of scalar: Scalar.Type) -> Int? {
        let bytes = count * MemoryLayout<Scalar>.stride
        return bytes >= pooledStorageBytes ? Int(gg_storage_class_bytes(Int64(bytes))) : nil
    }

    /// Frees every cached block (the limit stays).
    public static func removeAll() { gg_storage_pool_drain() }
}
