import Calculus

extension Tensor {
    /// A tensor of `shape` whose elements `fill` writes through a pointer to uninitialized
    /// storage. It must write every element: a large storage may be a recycled block that still
    /// holds an earlier tensor's values (see ``TensorStoragePool``).
    @inlinable
    public static func build(shape: [Int], _ fill: (UnsafeMutablePointer<Scalar>) -> Void) -> Tensor {
        let storage = TensorStorage<Scalar>.uninitialized(count: shape.reduce(1, *))
        if storage.count > 0 { withExtendedLifetime(storage) { fill(storage.base) } }
        return Tensor(shape: shape, storage: storage)
    }

    /// Reads the elements through a pointer (which may be dangling for an empty tensor).
    @inlinable
    public func withUnsafePointer<R>(_ body: (UnsafePointer<Scalar>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) { try body(UnsafePointer(storage.base)) }
    }

    /// A tensor filled with `value`.
    @inlinable
    public static func full(_ shape: [Int], _ value: Scalar) -> Tensor {
        build(shape: shape) { Scalar.fill($0, with: value, count: shape.reduce(1, *)) }
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
        build(shape: [n, n]) { out in
            out.initialize(repeating: 0, count: n * n)
            for i in 0..<n { out[i * n + i] = 1 }
        }
    }

    /// Uniform samples in [low, high) from a seeded generator.
    @inlinable
    public static func uniform<G: RandomNumberGenerator>(
        _ shape: [Int], low: Scalar = 0, high: Scalar = 1, using generator: inout G
    ) -> Tensor {
        let span = Double(high - low)
        return build(shape: shape) { out in
            for i in 0..<shape.reduce(1, *) { out[i] = low + Scalar(generator.nextUniform() * span) }
        }
    }

    /// Normal samples with the given mean and standard deviation from a seeded generator.
    @inlinable
    public static func normal<G: RandomNumberGenerator>(
        _ shape: [Int], mean: Scalar = 0, standardDeviation: Scalar = 1, using generator: inout G
    ) -> Tensor {
        build(shape: shape) { out in
            for i in 0..<shape.reduce(1, *) { out[i] = mean + standardDeviation * Scalar(generator.nextNormal()) }
        }
    }

    /// 1 with probability `p`, else 0, from a seeded generator.
    @inlinable
    public static func bernoulli<G: RandomNumberGenerator>(
        _ shape: [Int], probability p: Double, using generator: inout G
    ) -> Tensor {
        require(p >= 0 && p <= 1, "probability \(p) outside [0, 1]")
        return build(shape: shape) { out in
            for i in 0..<shape.reduce(1, *) { out[i] = generator.nextUniform() < p ? 1 : 0 }
        }
    }

    /// A tensor of the same shape filled with `value`.
    @inlinable
    public func filled(with value: Scalar) -> Tensor { Tensor.full(shape, value) }
}
