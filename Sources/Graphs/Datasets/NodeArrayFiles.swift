import Foundation

/// Thin `.npy` helpers for per-node results: feature or embedding matrices and predicted
/// classes, so they can be inspected with numpy.
public enum NodeArrayFiles {
    /// Saves a row-major `rows × columns` matrix (features, embeddings, logits) as float32.
    public static func saveMatrix(_ values: [Float], rows: Int, columns: Int, to url: URL) throws(NpyError) {
        try NpyArray(values, shape: [rows, columns]).write(to: url)
    }

    /// Loads a two-dimensional floating-point `.npy` file as row-major values.
    ///
    /// - Throws: `NpyError.unexpectedShape` unless the array is 2-D, and the conversion errors
    ///   of `NpyArray.floats()` (float64 values that do not fit Float exactly are rejected).
    public static func loadMatrix(from url: URL) throws(NpyError) -> (values: [Float], rows: Int, columns: Int) {
        let array = try NpyArray(contentsOf: url)
        guard array.shape.count == 2 else { throw .unexpectedShape(expected: "(rows, columns)", got: array.shape) }
        return (try array.floats(), array.shape[0], array.shape[1])
    }

    /// Saves one class (or other integer) per node as int32.
    public static func saveLabels(_ labels: [Int32], to url: URL) throws(NpyError) {
        try NpyArray(labels).write(to: url)
    }

    /// Loads a one-dimensional integer `.npy` file.
    ///
    /// - Throws: `NpyError.unexpectedShape` unless the array is 1-D, and the conversion errors
    ///   of `NpyArray.int32s()`.
    public static func loadLabels(from url: URL) throws(NpyError) -> [Int32] {
        let array = try NpyArray(contentsOf: url)
        guard array.shape.count == 1 else { throw .unexpectedShape(expected: "(nodes,)", got: array.shape) }
        return try array.int32s()
    }
}
