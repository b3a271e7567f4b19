/// Why a checkpoint could not be written, read or restored.
public enum CheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file system refused an operation on `path`.
    case io(path: String, reason: String)
    /// The file does not start with the checkpoint signature.
    case badMagic(found: [UInt8])
    /// The file was written by an unknown version of the format.
    case unsupportedVersion(UInt32)
    /// The data ends before `needed` bytes at byte `offset` (only `available` remain).
    case truncated(offset: Int, needed: Int, available: Int)
    /// The stored checksum does not match the contents: the file is corrupt.
    case checksumMismatch(stored: UInt32, computed: UInt32)
    /// A field at byte `offset` holds an impossible value.
    case malformed(offset: Int, reason: String)
    /// The checkpoint lacks a tensor the model or optimizer needs.
    case missingTensor(name: String)
    /// A tensor has a different shape from the one the model or optimizer needs.
    case shapeMismatch(name: String, expected: [Int], found: [Int])
    /// A tensor holds a value that cannot be what it stands for (a fractional step count).
    case invalidValue(name: String, reason: String)
    /// The checkpoint holds a model tensor that the model does not have.
    case unexpectedTensor(name: String)

    /// A sentence naming the problem and where it is.
    public var description: String {
        switch self {
        case .io(let path, let reason): return "checkpoint I/O failed for \(path): \(reason)"
        case .badMagic(let found): return "not a checkpoint: signature bytes \(found)"
        case .unsupportedVersion(let v): return "checkpoint format version \(v) is not supported"
        case .truncated(let offset, let needed, let available):
            return "checkpoint truncated: \(needed) bytes needed at offset \(offset), \(available) available"
        case .checksumMismatch(let stored, let computed):
            return "checkpoint corrupt: stored CRC32 \(hex(stored)), contents give \(hex(computed))"
        case .malformed(let offset, let reason): return "checkpoint malformed at offset \(offset): \(reason)"
        case .missingTensor(let name): return "checkpoint lacks tensor '\(name)'"
        case .shapeMismatch(let name, let expected, let found):
            return "checkpoint tensor '\(name)' has shape \(found), expected \(expected)"
        case .invalidValue(let name, let reason): return "checkpoint tensor '\(name)' is invalid: \(reason)"
        case .unexpectedTensor(let name): return "checkpoint tensor '\(name)' matches nothing in the model"
        }
    }
}

private func hex(_ v: UInt32) -> String { "0x" + String(v, radix: 16) }
