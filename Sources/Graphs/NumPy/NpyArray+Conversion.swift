extension NpyArray {
    /// The elements as `T` in C order, when `dtype` is exactly `T`'s dtype.
    ///
    /// - Throws: `NpyError.unsupportedConversion` for any other dtype.
    public func elements<T: NpyScalar>(as type: T.Type) throws(NpyError) -> [T] {
        guard dtype == T.npyDType else { throw .unsupportedConversion(dtype: dtype, target: "\(T.self)") }
        return cOrderElements(T.self)
    }

    /// The elements as `Float` in C order.
    ///
    /// - Parameter allowingPrecisionLoss: when true, float64 and large integers round to the
    ///   nearest `Float`; when false such a value throws. A finite value beyond `Float`'s range
    ///   throws either way.
    /// - Throws: `NpyError.lossyConversion` naming the first value that does not fit.
    public func floats(allowingPrecisionLoss: Bool = false) throws(NpyError) -> [Float] {
        try converted(to: "Float") { (value: Double) in
            let rounded = Float(value)
            if rounded.isInfinite && value.isFinite { return nil }
            return allowingPrecisionLoss || value.isNaN || Double(rounded) == value ? rounded : nil
        } fromInteger: { (value: Int64) in
            allowingPrecisionLoss ? Float(value) : Float(exactly: value)
        } fromUnsigned: { (value: UInt64) in
            allowingPrecisionLoss ? Float(value) : Float(exactly: value)
        }
    }

    /// The elements as `Double` in C order.
    ///
    /// - Throws: `NpyError.lossyConversion` for an integer beyond 2⁵³ that `Double` would round.
    public func doubles() throws(NpyError) -> [Double] {
        try converted(to: "Double") { $0 } fromInteger: { Double(exactly: $0) } fromUnsigned: { Double(exactly: $0) }
    }

    /// The elements as `Int` in C order, from integer or bool arrays.
    ///
    /// - Throws: `NpyError.unsupportedConversion` for floating-point arrays (use `doubles()`),
    ///   `.lossyConversion` for a uint64 beyond `Int.max`.
    public func ints() throws(NpyError) -> [Int] {
        try integers(to: "Int")
    }

    /// The elements as `Int32` in C order, from integer or bool arrays.
    ///
    /// - Throws: `NpyError.unsupportedConversion` for floating-point arrays, `.lossyConversion`
    ///   naming the first value outside `Int32`'s range.
    public func int32s() throws(NpyError) -> [Int32] {
        try integers(to: "Int32")
    }

    private func integers<T: FixedWidthInteger>(to name: String) throws(NpyError) -> [T] {
        guard !dtype.isFloatingPoint else { throw .unsupportedConversion(dtype: dtype, target: name) }
        return try converted(to: name) { _ in nil } fromInteger: { T(exactly: $0) } fromUnsigned: { T(exactly: $0) }
    }

    /// Converts every element with the closure for its kind; a `nil` result is a lossy value.
    private func converted<T>(
        to name: String,
        fromFloat: (Double) -> T?,
        fromInteger: (Int64) -> T?,
        fromUnsigned: (UInt64) -> T?
    ) throws(NpyError) -> [T] {
        func map<S: NpyScalar>(_ type: S.Type, _ convert: (S) -> T?) throws(NpyError) -> [T] {
            let values = cOrderElements(S.self)
            var result: [T] = []
            result.reserveCapacity(values.count)
            for (index, value) in values.enumerated() {
                guard let converted = convert(value) else {
                    throw .lossyConversion(dtype: dtype, target: name, index: index, value: "\(value)")
                }
                result.append(converted)
            }
            return result
        }
        switch dtype {
        case .bool: return try map(Bool.self) { fromInteger($0 ? 1 : 0) }
        case .int8: return try map(Int8.self) { fromInteger(Int64($0)) }
        case .int16: return try map(Int16.self) { fromInteger(Int64($0)) }
        case .int32: return try map(Int32.self) { fromInteger(Int64($0)) }
        case .int64: return try map(Int64.self) { fromInteger($0) }
        case .uint8: return try map(UInt8.self) { fromUnsigned(UInt64($0)) }
        case .uint16: return try map(UInt16.self) { fromUnsigned(UInt64($0)) }
        case .uint32: return try map(UInt32.self) { fromUnsigned(UInt64($0)) }
        case .uint64: return try map(UInt64.self) { fromUnsigned($0) }
        case .float32: return try map(Float.self) { fromFloat(Double($0)) }
        case .float64: return try map(Double.self) { fromFloat($0) }
        }
    }

    /// The storage reinterpreted as `T` (whose dtype the caller has checked) and put in C order.
    private func cOrderElements<T: NpyScalar>(_ type: T.Type) -> [T] {
        let fileOrder = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            storage.withUnsafeBytes { bytes in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
            }
            initialized = count
        }
        guard fortranOrder, shape.count > 1 else { return fileOrder }
        return NpyArray.transposedFromFortranOrder(fileOrder, shape: shape)
    }

    /// Reorders column-major `values` of `shape` into row-major order.
    static func transposedFromFortranOrder<T>(_ values: [T], shape: [Int]) -> [T] {
        // Column-major strides: axis 0 varies fastest.
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in 1..<shape.count { strides[axis] = strides[axis - 1] * shape[axis - 1] }
        var index = [Int](repeating: 0, count: shape.count)
        var offset = 0
        var result: [T] = []
        result.reserveCapacity(values.count)
        for _ in 0..<values.count {
            result.append(values[offset])
            // Advance the row-major multi-index (last axis fastest), updating the offset.
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                offset += strides[axis]
                if index[axis] < shape[axis] { break }
                offset -= strides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}
