import Dispatch
import Testing
import Tensors
import _TestSupport

/// Large storages are recycled through `TensorStoragePool`; recycling must never be visible in
/// a tensor's values.
@Suite("Tensor storage pool", .serialized)
struct StoragePoolTests {
    /// Elements of a Float32 storage in a size class no other test allocates (37 MiB rounds up
    /// to 38 MiB), so that blocks freed here are the ones taken back here, even with other
    /// suites running alongside.
    static let count = (37 << 20) / 4

    /// Runs `body` with a pool limit high enough that blocks freed by other suites running at
    /// the same time do not push this suite's blocks out.
    func withRoomyPool(_ body: () -> Void) {
        let limit = TensorStoragePool.byteLimit
        TensorStoragePool.byteLimit = 4 << 30
        defer { TensorStoragePool.byteLimit = limit }
        body()
    }

    func address(_ t: Tensor<Float>) -> UnsafePointer<Float> { t.withUnsafePointer { $0 } }

    @Test("a freed large storage is reused by the next one of its size class, and zeros are zeros")
    func reuse() {
        withRoomyPool {
            var ones: Tensor<Float>? = Tensor.full([Self.count], 1)
            let freed = address(ones!)
            ones = nil
            let reusesBefore = TensorStoragePool.reuseCount
            let zeros = Tensor<Float>.zeros([Self.count / 2, 2])
            #expect(address(zeros) == freed)
            #expect(TensorStoragePool.reuseCount > reusesBefore)
            #expect(zeros.withUnsafePointer { p in (0..<Self.count).allSatisfy { p[$0] == 0 } })
        }
    }

    @Test("live tensors never share a block, and writing one leaves the others as they were")
    func noAliasing() {
        withRoomyPool {
            let a = Tensor<Float>.full([Self.count], 1)
            let b = Tensor<Float>.full([Self.count], 2)
            var c = a
            c.withUnsafeMutableScalars { $0[0] = 5 }
            let sum = a + b
            let addresses = Set([a, b, c, sum].map(address))
            #expect(addresses.count == 4)
            #expect(a.withUnsafePointer { p in (0..<Self.count).allSatisfy { p[$0] == 1 } })
            #expect(c.withUnsafePointer { p in p[0] == 5 && (1..<Self.count).allSatisfy { p[$0] == 1 } })
            #expect(sum.withUnsafePointer { p in (0..<Self.count).allSatisfy { p[$0] == 3 } })
            // A reshape shares its storage: no copy, and the block stays taken while it lives.
            #expect(address(a.reshaped([2, Self.count / 2])) == address(a))
        }
    }

    @Test("tensors created and freed on many threads at once keep their own values")
    func threadSafety() {
        withRoomyPool {
            // Three size classes, small enough that eight threads' tensors fit in memory.
            let counts = [1 << 20, 3 << 20, (5 << 20) + 7]
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: 8) { worker in
                for round in 0..<12 {
                    let n = counts[(worker + round) % counts.count]
                    let value = Float(worker * 100 + round)
                    let t = Tensor<Float>.full([n], value)
                    let doubled = t * 2
                    let intact = doubled.withUnsafePointer { p in (0..<n).allSatisfy { p[$0] == 2 * value } }
                    if !intact { failures.record() }
                }
            }
            #expect(failures.count == 0)
            #expect(TensorStoragePool.cachedBytes <= TensorStoragePool.byteLimit)
        }
    }

    @Test("an array read from a tensor keeps its values when the tensor is written in place")
    func keptArrays() {
        for count in [3, Self.count] {
            var t = Tensor<Float>.full([count], 1)
            let before = t.scalars
            #expect(t.scalars == before)
            t.withUnsafeMutableScalars { $0[count - 1] = 7 }
            #expect(before[count - 1] == 1)
            #expect(t.scalars[count - 1] == 7)
            var shared = t
            shared.withUnsafeMutableScalars { $0[0] = 9 }
            #expect(t.scalars[0] == 1 && shared.scalars[0] == 9)
        }
    }

    @Test("the pool keeps no more than its limit, and size classes are multiples of 2 MiB")
    func limitAndClasses() {
        let limit = TensorStoragePool.byteLimit
        defer { TensorStoragePool.byteLimit = limit }
        TensorStoragePool.byteLimit = 0
        _ = Tensor<Float>.full([Self.count], 1)
        #expect(TensorStoragePool.cachedBytes == 0)
        #expect(TensorStoragePool.blockBytes(count: 1000, of: Float.self) == nil)
        #expect(TensorStoragePool.blockBytes(count: 1 << 20, of: Float.self) == 4 << 20)
        #expect(TensorStoragePool.blockBytes(count: (5 << 20) / 8 + 1, of: Double.self) == 6 << 20)
        #expect(TensorStoragePool.blockBytes(count: Self.count, of: Float.self) == 38 << 20)
    }
}

/// A failure counter that concurrent workers share.
private final class Failures: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var recorded = 0

    func record() {
        lock.wait()
        recorded += 1
        lock.signal()
    }

    var count: Int {
        lock.wait()
        defer { lock.signal() }
        return recorded
    }
}
