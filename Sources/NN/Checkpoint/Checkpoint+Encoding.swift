/// The binary layout, all integers little-endian:
///
///     magic    8 bytes  "GGCKPT\r\n" (the CR LF catches text-mode mangling)
///     version  UInt32   1
///     length   UInt64   byte count of the body
///     body     metadata count UInt32, then per entry: key, value (each UInt32 length + UTF-8)
///              tensor count UInt32, then per tensor: name (UInt32 length + UTF-8),
///              precision UInt8 (4: Float, 8: Double), rank UInt32, extents UInt64 × rank,
///              elements (IEEE 754 bit patterns, row-major)
///     crc32    UInt32   of version, length and body
///
/// Entries are written in sorted order, so equal checkpoints give equal files.
extension Checkpoint {
    static let magic: [UInt8] = Array("GGCKPT\r\n".utf8)
    static let formatVersion: UInt32 = 1

    /// The checkpoint in its binary form.
    public func encoded() -> [UInt8] {
        var body = ByteWriter()
        body.append(UInt32(metadata.count))
        for key in metadata.keys.sorted() {
            body.append(string: key)
            body.append(string: metadata[key] ?? "")
        }
        body.append(UInt32(tensors.count))
        for name in tensors.keys.sorted() {
            guard let t = tensors[name] else { continue }
            body.append(string: name)
            switch t.elements {
            case .float: body.append(UInt8(4))
            case .double: body.append(UInt8(8))
            }
            body.append(UInt32(t.shape.count))
            for extent in t.shape { body.append(UInt64(extent)) }
            switch t.elements {
            case .float(let v): body.append(bitPatterns: v.map(\.bitPattern))
            case .double(let v): body.append(bitPatterns: v.map(\.bitPattern))
            }
        }
        var checked = ByteWriter()
        checked.append(Self.formatVersion)
        checked.append(UInt64(body.bytes.count))
        checked.bytes += body.bytes
        return Self.magic + checked.bytes + ByteWriter.littleEndian(CRC32.checksum(checked.bytes[...]))
    }

    /// Decodes and validates a checkpoint's binary form.
    public init(decoding bytes: [UInt8]) throws(CheckpointError) {
        var reader = ByteReader(bytes: bytes)
        let signature = try reader.bytes(Self.magic.count)
        guard signature == Self.magic else { throw .badMagic(found: signature) }
        let checkedStart = reader.offset
        let version: UInt32 = try reader.integer()
        guard version == Self.formatVersion else { throw .unsupportedVersion(version) }
        let length: UInt64 = try reader.integer()
        guard length <= UInt64(bytes.count) else {
            throw .truncated(offset: reader.offset, needed: Int(clamping: length), available: bytes.count - reader.offset)
        }
        let bodyEnd = reader.offset + Int(length)
        guard bodyEnd + 4 <= bytes.count else {
            throw .truncated(offset: reader.offset, needed: Int(length) + 4, available: bytes.count - reader.offset)
        }
        var tail = ByteReader(bytes: bytes, offset: bodyEnd)
        let stored: UInt32 = try tail.integer()
        let computed = CRC32.checksum(bytes[checkedStart..<bodyEnd])
        guard stored == computed else { throw .checksumMismatch(stored: stored, computed: computed) }
        guard tail.offset == bytes.count else {
            throw .malformed(offset: tail.offset, reason: "\(bytes.count - tail.offset) bytes after the checksum")
        }
        reader.end = bodyEnd

        var metadata: [String: String] = [:]
        let metadataCount: UInt32 = try reader.integer()
        for _ in 0..<metadataCount {
            let key = try reader.string()
            metadata[key] = try reader.string()
        }
        var tensors: [String: StoredTensor] = [:]
        let tensorCount: UInt32 = try reader.integer()
        for _ in 0..<tensorCount {
            let nameOffset = reader.offset
            let name = try reader.string()
            guard tensors[name] == nil else { throw .malformed(offset: nameOffset, reason: "tensor '\(name)' appears twice") }
            tensors[name] = try reader.tensor()
        }
        guard reader.offset == bodyEnd else {
            throw .malformed(offset: reader.offset, reason: "\(bodyEnd - reader.offset) unread bytes in the body")
        }
        self.init(metadata: metadata, tensors: tensors)
    }
}

/// Appends little-endian fields.
struct ByteWriter {
    var bytes: [UInt8] = []

    static func littleEndian<I: FixedWidthInteger>(_ value: I) -> [UInt8] {
        (0..<(I.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    mutating func append<I: FixedWidthInteger>(_ value: I) {
        bytes += Self.littleEndian(value)
    }

    mutating func append<I: FixedWidthInteger>(bitPatterns values: [I]) {
        values.map(\.littleEndian).withUnsafeBytes { bytes += $0 }
    }

    mutating func append(string: String) {
        let utf8 = Array(string.utf8)
        append(UInt32(utf8.count))
        bytes += utf8
    }
}

/// Reads little-endian fields, throwing on truncation and impossible values.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0
    var end: Int

    init(bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
        end = bytes.count
    }

    mutating func bytes(_ count: Int) throws(CheckpointError) -> [UInt8] {
        guard count <= end - offset else { throw .truncated(offset: offset, needed: count, available: end - offset) }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func integer<I: FixedWidthInteger & UnsignedInteger>() throws(CheckpointError) -> I {
        try bytes(I.bitWidth / 8).reversed().reduce(0) { $0 << 8 | I($1) }
    }

    mutating func string() throws(CheckpointError) -> String {
        let start = offset
        let length: UInt32 = try integer()
        guard let s = String(validating: try bytes(Int(length)), as: UTF8.self) else {
            throw .malformed(offset: start, reason: "invalid UTF-8 in a string")
        }
        return s
    }

    mutating func tensor() throws(CheckpointError) -> StoredTensor {
        let precisionOffset = offset
        let precision: UInt8 = try integer()
        guard precision == 4 || precision == 8 else {
            throw .malformed(offset: precisionOffset, reason: "element size \(precision) is neither 4 nor 8")
        }
        let rank: UInt32 = try integer()
        guard Int(rank) <= (end - offset) / 8 else { throw .truncated(offset: offset, needed: Int(rank) * 8, available: end - offset) }
        var shape: [Int] = []
        var count = 1
        for _ in 0..<rank {
            let extentOffset = offset
            let extent: UInt64 = try integer()
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(clamping: extent))
            guard extent <= UInt64(Int.max), !overflow, product <= (end - offset) / Int(precision) + 1 else {
                throw .malformed(offset: extentOffset, reason: "extent \(extent) exceeds the data present")
            }
            shape.append(Int(extent))
            count = product
        }
        guard count <= (end - offset) / Int(precision) else {
            throw .truncated(offset: offset, needed: count * Int(precision), available: end - offset)
        }
        if precision == 4 {
            let patterns: [UInt32] = bitPatterns(count)
            return StoredTensor(shape: shape, elements: .float(patterns.map(Float.init(bitPattern:))))
        }
        let patterns: [UInt64] = bitPatterns(count)
        return StoredTensor(shape: shape, elements: .double(patterns.map(Double.init(bitPattern:))))
    }

    /// `count` little-endian integers; the caller has checked that they are present.
    private mutating func bitPatterns<I: FixedWidthInteger>(_ count: Int) -> [I] {
        let size = I.bitWidth / 8
        defer { offset += count * size }
        return bytes.withUnsafeBytes { raw in
            (0..<count).map { I(littleEndian: raw.loadUnaligned(fromByteOffset: offset + $0 * size, as: I.self)) }
        }
    }
}
