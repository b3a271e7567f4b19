import Foundation

extension NpyArray {
    /// The magic string every `.npy` file starts with.
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Parses the bytes of a `.npy` file (format versions 1.0, 2.0 and 3.0).
    ///
    /// - Throws: `NpyError` for a bad magic string, an unknown version, a truncated file, an
    ///   unparsable header, an unsupported dtype, or data that does not match the shape.
    public init(npyBytes bytes: some Collection<UInt8>) throws(NpyError) {
        let bytes = Array(bytes)
        guard bytes.count >= 10 else {
            guard bytes.starts(with: NpyArray.magic.prefix(bytes.count)) else { throw .badMagic(found: bytes) }
            throw .truncated(part: "magic and header length", expected: 10, got: bytes.count)
        }
        guard bytes.starts(with: NpyArray.magic) else { throw .badMagic(found: Array(bytes.prefix(6))) }
        let (major, minor) = (bytes[6], bytes[7])
        let lengthBytes: Int
        switch (major, minor) {
        case (1, 0): lengthBytes = 2
        case (2, 0), (3, 0): lengthBytes = 4
        default: throw .unsupportedVersion(major: major, minor: minor)
        }
        guard bytes.count >= 8 + lengthBytes else {
            throw .truncated(part: "header length", expected: 8 + lengthBytes, got: bytes.count)
        }
        let headerLength = bytes[8..<(8 + lengthBytes)].reversed().reduce(0) { $0 << 8 | Int($1) }
        let headerStart = 8 + lengthBytes
        let dataStart = headerStart + headerLength
        guard bytes.count >= dataStart else { throw .truncated(part: "header", expected: dataStart, got: bytes.count) }
        let headerBytes = bytes[headerStart..<dataStart]
        // Versions 1 and 2 store the header in Latin-1, version 3 in UTF-8.
        let headerText = major == 3
            ? String(decoding: headerBytes, as: UTF8.self) : String(headerBytes.map { Character(Unicode.Scalar($0)) })
        let header = try NpyHeader(parsing: headerText)
        guard let (dtype, bigEndian) = NpyDType.parse(descr: header.descr) else {
            throw .unsupportedDType(header.descr)
        }
        let expected = try NpyArray.byteCount(dtype: dtype, shape: header.shape)
        let available = bytes.count - dataStart
        guard available >= expected else {
            throw .truncated(part: "data of shape \(header.shape)", expected: expected, got: available)
        }
        var storage = Array(bytes[dataStart...])
        if bigEndian { NpyArray.reverseEachElement(&storage, size: dtype.size) }
        try self.init(dtype: dtype, shape: header.shape, fortranOrder: header.fortranOrder, storage: storage)
    }

    /// Reads a `.npy` file.
    public init(contentsOf url: URL) throws(NpyError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        try self.init(npyBytes: data)
    }

    /// Swaps the byte order of every `size`-byte element in place.
    static func reverseEachElement(_ bytes: inout [UInt8], size: Int) {
        bytes.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            while start + size <= buffer.count {
                var low = start, high = start + size - 1
                while low < high {
                    buffer.swapAt(low, high)
                    low += 1
                    high -= 1
                }
                start += size
            }
        }
    }
}
