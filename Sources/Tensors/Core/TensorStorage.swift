import CKernels

/// Bytes from which a tensor's elements live in a block of ``TensorStoragePool`` rather than in
/// the storage object (4 MiB: 2²⁰ Float32 elements).
@usableFromInline let pooledStorageBytes = 4 << 20

/// What a ``TensorStorage`` knows about its elements.
@usableFromInline
struct StorageHeader {
    @usableFromInline let count: Int
    /// The pooled block that holds the elements; nil when they follow the header.
    @usableFromInline let block: UnsafeMutableRawPointer?
    /// The elements as an array (a retained ``ScalarArray``), once ``TensorStorage/array`` has
    /// made it; read and set atomically.
    @usableFromInline var array: UnsafeMutableRawPointer?

    @inlinable init(count: Int, block: UnsafeMutableRawPointer?) {
        self.count = count
        self.block = block
        self.array = nil
    }
}

/// A storage's elements as an array, kept by the storage.
@usableFromInline
final class ScalarArray<Scalar> {
    @usableFromInline let scalars: [Scalar]
    @inlinable init(_ scalars: [Scalar]) { self.scalars = scalars }
}

/// A tensor's elements, shared by the tensor's copies until one of them is written (copy on
/// write).
///
/// A small storage holds its elements in the object itself, one allocation as an array's.
/// A large one takes a block from ``TensorStoragePool`` and returns it when freed, so that the
/// next large tensor is written into pages already mapped instead of faulting in fresh ones.
@usableFromInline
final class TensorStorage<Scalar: TensorScalar>: ManagedBuffer<StorageHeader, Scalar> {
    /// A storage for `count` elements, uninitialized: the caller writes every element before
    /// reading any (a pooled block holds a previous tensor's values).
    @inlinable
    static func uninitialized(count: Int) -> TensorStorage {
        let bytes = count * MemoryLayout<Scalar>.stride
        guard bytes >= pooledStorageBytes else {
            return unsafeDowncast(
                create(minimumCapacity: count) { _ in StorageHeader(count: count, block: nil) }, to: TensorStorage.self)
        }
        guard let block = gg_storage_acquire(Int64(bytes)) else {
            fatalError("cannot allocate \(bytes) bytes for a tensor of \(count) elements")
        }
        block.bindMemory(to: Scalar.self, capacity: count)
        return unsafeDowncast(
            create(minimumCapacity: 0) { _ in StorageHeader(count: count, block: block) }, to: TensorStorage.self)
    }

    /// A storage holding `scalars`.
    @inlinable
    static func copying(_ scalars: UnsafeBufferPointer<Scalar>) -> TensorStorage {
        let storage = uninitialized(count: scalars.count)
        if let source = scalars.baseAddress { storage.base.initialize(from: source, count: scalars.count) }
        return storage
    }

    /// Number of elements.
    @inlinable var count: Int { header.count }

    /// The first element. Valid while this object is alive.
    @inlinable
    var base: UnsafeMutablePointer<Scalar> {
        if let block = header.block { return block.assumingMemoryBound(to: Scalar.self) }
        return withUnsafeMutablePointerToElements { $0 }
    }

    /// The elements as an array. The first call copies them; the array is kept, so that later
    /// calls (`tensor.scalars[i]` in a loop) cost no copy. Thread-safe.
    @inlinable
    var array: [Scalar] {
        let slot = arraySlot
        if let kept = gg_atomic_load_pointer(slot) {
            return Unmanaged<ScalarArray<Scalar>>.fromOpaque(kept).takeUnretainedValue().scalars
        }
        let made = Unmanaged.passRetained(ScalarArray(Array(UnsafeBufferPointer(start: base, count: count))))
        if !gg_atomic_store_pointer_if_null(slot, made.toOpaque()) { made.release() }
        return Unmanaged<ScalarArray<Scalar>>.fromOpaque(gg_atomic_load_pointer(slot)!).takeUnretainedValue().scalars
    }

    /// Forgets the kept array before the elements are written in place; only for a storage no
    /// other tensor shares (arrays already handed out keep their values).
    @inlinable
    func forgetArray() {
        let slot = arraySlot
        if let kept = slot.pointee {
            Unmanaged<ScalarArray<Scalar>>.fromOpaque(kept).release()
            slot.pointee = nil
        }
    }

    @inlinable
    var arraySlot: UnsafeMutablePointer<UnsafeMutableRawPointer?> {
        withUnsafeMutablePointerToHeader {
            (UnsafeMutableRawPointer($0) + MemoryLayout<StorageHeader>.offset(of: \.array)!)
                .assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
        }
    }

    deinit {
        if let kept = header.array { Unmanaged<ScalarArray<Scalar>>.fromOpaque(kept).release() }
        if let block = header.block {
            gg_storage_release(block, Int64(header.count * MemoryLayout<Scalar>.stride))
        }
    }
}
