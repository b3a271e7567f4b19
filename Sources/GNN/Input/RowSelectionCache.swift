import Foundation
import Tensors

/// The rows last selected from a fixed tensor, kept with their indices as a ``PackedMatrix``:
/// training selects the same labelled rows every epoch, and copying them each time cost as much
/// as the product that uses them (SGC), as did packing them for it. Safe to use from several
/// threads.
final class RowSelectionCache<Scalar: TensorScalar>: @unchecked Sendable {
    private let lock = NSLock()
    private var selection: (rows: [Int], value: PackedMatrix<Scalar>)?

    /// The rows `rows`, selected by `select` unless they are the rows selected last time.
    func rows(_ rows: [Int], _ select: () -> Tensor<Scalar>) -> PackedMatrix<Scalar> {
        lock.lock()
        defer { lock.unlock() }
        if let selection, selection.rows == rows { return selection.value }
        let value = PackedMatrix(select())
        selection = (rows, value)
        return value
    }
}
