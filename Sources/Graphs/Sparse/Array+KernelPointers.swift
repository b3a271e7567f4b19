extension Array {
    /// Calls `body` with a pointer to the elements; for an empty array the pointer is a
    /// well-aligned placeholder that the kernels never read (they loop over zero items).
    @inline(__always)
    func withKernelPointer<R>(_ body: (UnsafePointer<Element>) -> R) -> R {
        withUnsafeBufferPointer { buffer in
            body(buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Element>.alignment)!)
        }
    }

    /// The mutable counterpart of `withKernelPointer`.
    @inline(__always)
    mutating func withKernelMutablePointer<R>(_ body: (UnsafeMutablePointer<Element>) -> R) -> R {
        withUnsafeMutableBufferPointer { buffer in
            body(buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!)
        }
    }
}
