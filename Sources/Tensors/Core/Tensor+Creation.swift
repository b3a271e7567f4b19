import CKernels
import Calculus

/// Elements from which a new tensor's storage asks for huge pages (4 MiB of Float32).
@usableFromInline let hugePageThreshold = 1 << 20

/// Elements up to which a new tensor's storage is zeroed before it is filled (see
/// ``Tensor/build(shape:_:)``).
@usableFromInline let smallTensorLimit = 256

extension Tensor {
    /// A tensor of `shape` whose elements `fill` writes through a pointer to uninitialized
    /// storage (it must write every element).
    @inlinable
    public static func build(shape: [Int], _ fill: (UnsafeMutablePointer<Scalar>) -> Void) -> Tensor {
        let n = shape.reduce(1, *)
        guard n > smallTensorLimit else {
            // `Array(unsafeUninitializedCapacity:)` allocates through a runtime function that is
            // not specialized and looks up the storage class's metadata on every call, which
            // costs more than the work on a small tensor; building from a collection allocates
            // through specialized code. Zeroing first is cheap at this size.
            var scalars = Array(repeatElement(Scalar.zero, count: n))
            if n > 0 { scalars.withUnsafeMutableBufferPointer { fill($0.baseAddress!) } }
            return Tensor(shape: shape, scalars: scalars)
        }
        let scalars = [Scalar](unsafeUninitializedCapacity: n) { buffer, initialized in
            if n >= hugePageThreshold {
                gg_advise_huge_pages(buffer.baseAddress!, Int64(n * MemoryLayout<Scalar>.stride))
            }
            fill(buffer.baseAddress!)
            initialized = n
        }
        return Tensor(shape: shape, scalars: scalars)
    }

    /// Reads the elements through a pointer (which may be dangling for an empty tensor).
    @inlinable
    public func withUnsafePointer<R>(_ body: (UnsafePointer<Scalar>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer { try body($0.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Scalar>.alignment)!) }
    }

    /// A tensor filled with `value`.
    @inlinable
    public static func full(_ shape: [Int], _ value: Scalar) -> Tensor {
        Tensor(shape: shape, scalars: [Scalar](repeating: value, count: shape.reduce(1, *)))
    }

    /// A tensor of zeros.
    @inlinable
    public static func zeros(_ shape: [Int]) -> Tensor { full(shape, 0) }

    /// A tensor of ones.
    @inlinable
    public static func ones(_ shape: [Int]) -> Tensor { full(shape, 1) }

    /// `[start, start + step, …]` below `end`.
    @inlinable
    public static func arange(_ start: Scalar, _ end: Scalar, step: Scalar = 1) -> Tensor {
        require(step != 0, "arange step must be nonzero")
        let n = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return Tensor((0..<n).map { start + Scalar($0) * step })
    }

    /// The n × n identity matrix.
    @inlinable
    public static func identity(_ n: Int) -> Tensor {
        var t = zeros([n, n])
        for i in 0..<n { t._scalars[i * n + i] = 1 }
        return t
    }

    /// Uniform samples in [low, high) from a seeded generator.
    @inlinable
    public static func uniform<G: RandomNumberGenerator>(
        _ shape: [Int], low: Scalar = 0, high: Scalar = 1, using generator: inout G
    ) -> Tensor {
        let span = Double(high - low)
        return Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in
            low + Scalar(generator.nextUniform() * span)
        })
    }

    /// Normal samples with the given mean and standard deviation from a seeded generator.
    @inlinable
    public static func normal<G: RandomNumberGenerator>(
        _ shape: [Int], mean: Scalar = 0, standardDeviation: Scalar = 1, using generator: inout G
    ) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in
            mean + standardDeviation * Scalar(generator.nextNormal())
        })
    }

    /// 1 with probability `p`, else 0, from a seeded generator.
    @inlinable
    public static func bernoulli<G: RandomNumberGenerator>(
        _ shape: [Int], probability p: Double, using generator: inout G
    ) -> Tensor {
        require(p >= 0 && p <= 1, "probability \(p) outside [0, 1]")
        return Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in
            generator.nextUniform() < p ? 1 : 0
        })
    }

    /// A tensor of the same shape filled with `value`.
    @inlinable
    public func filled(with value: Scalar) -> Tensor { Tensor.full(shape, value) }
}
