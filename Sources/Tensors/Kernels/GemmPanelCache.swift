import Foundation

/// The packed panels of one constant GEMM operand, kept across products.
///
/// A product packs its whole-packed operand (see ``GemmScalar``) into micro-panels before it
/// multiplies; for an operand that every training step multiplies again (SGC's fixed features),
/// that repacking cost more than the multiply-adds. The packed form is a pure function of the
/// matrix, its orientation and the kernel family's blocking, so a product that reads cached panels
/// gives the same bits as one that packs afresh. A cache belongs to one matrix: pass it only with
/// that matrix, unchanged. Safe to use from several threads.
public final class GemmPanelCache<Scalar: GemmScalar>: @unchecked Sendable {
    private struct Key: Hashable {
        let kernel: Int32
        let transposed: Bool
    }

    private struct Panels {
        let base: UnsafeMutablePointer<Scalar>
        let count: Int
        let shape: [Int]
    }

    private let lock = NSLock()
    private var panels: [Key: Panels] = [:]

    /// An empty cache, filled by the products that are given it.
    public init() {}

    deinit {
        for entry in panels.values { entry.base.deallocate() }
    }

    /// The panels for `kernel` and `transposed`, made by `fill` on the first request. `shape`
    /// (the sizes and leading dimension the panels were packed for) must be the same each time.
    func panels(
        kernel: Int32, transposed: Bool, shape: [Int], count: Int,
        _ fill: (UnsafeMutablePointer<Scalar>) -> Void
    ) -> UnsafePointer<Scalar> {
        lock.lock()
        defer { lock.unlock() }
        let key = Key(kernel: kernel, transposed: transposed)
        if let entry = panels[key] {
            require(
                entry.shape == shape && entry.count == count,
                "GemmPanelCache of a \(entry.shape) operand used with a \(shape) one")
            return UnsafePointer(entry.base)
        }
        // The micro-kernels load packed panels as aligned vectors.
        let base = UnsafeMutableRawPointer.allocate(
            byteCount: count * MemoryLayout<Scalar>.stride, alignment: 64
        ).bindMemory(to: Scalar.self, capacity: count)
        fill(base)
        panels[key] = Panels(base: base, count: count, shape: shape)
        return UnsafePointer(base)
    }
}
