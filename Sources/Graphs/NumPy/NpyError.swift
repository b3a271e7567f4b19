/// Why a `.npy` or `.npz` file could not be read or written, or an array not converted; each
/// case says what was expected and what was found.
public indirect enum NpyError: Error, Equatable, CustomStringConvertible {
    /// The data ended early: `part` needed `expected` bytes but only `got` were there.
    case truncated(part: String, expected: Int, got: Int)
    /// The file does not start with `\x93NUMPY`; `found` holds its first bytes.
    case badMagic(found: [UInt8])
    /// A format version other than 1.0, 2.0 and 3.0.
    case unsupportedVersion(major: UInt8, minor: UInt8)
    /// The header dictionary could not be understood; `header` quotes it.
    case unparsableHeader(header: String, reason: String)
    /// The header names an element type GraphGrad does not handle.
    case unsupportedDType(String)
    /// There are more data bytes than the shape and element type call for.
    case sizeMismatch(shape: [Int], dtype: NpyDType, expectedBytes: Int, actualBytes: Int)
    /// A value cannot be converted to `target` without changing it; `index` is its C-order
    /// position.
    case lossyConversion(dtype: NpyDType, target: String, index: Int, value: String)
    /// Arrays of `dtype` never convert to `target` (e.g. floating point to integer).
    case unsupportedConversion(dtype: NpyDType, target: String)
    /// The array has a shape other than the one the caller needs.
    case unexpectedShape(expected: String, got: [Int])
    /// An `.npz` archive has no array `key`; `present` lists the keys it has.
    case missingKey(key: String, present: [String])
    /// The bytes are not a readable zip archive.
    case corruptArchive(path: String, reason: String)
    /// A problem inside the archive entry `name`.
    case inEntry(name: String, error: NpyError)
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file could not be written.
    case unwritable(path: String, reason: String)

    /// A sentence naming what was expected and what was found.
    public var description: String {
        switch self {
        case .truncated(let part, let expected, let got):
            return "truncated .npy data: \(part) needs \(expected) bytes, got \(got)"
        case .badMagic(let found):
            return "not a .npy file: expected magic \\x93NUMPY, found \(found.map { String(hexByte: $0) })"
        case .unsupportedVersion(let major, let minor):
            return "unsupported .npy format version \(major).\(minor) (supported: 1.0, 2.0, 3.0)"
        case .unparsableHeader(let header, let reason):
            return "cannot parse .npy header \"\(header)\": \(reason)"
        case .unsupportedDType(let descr):
            return "unsupported .npy dtype '\(descr)' (supported: bool, int8–int64, uint8–uint64, float32, float64)"
        case .sizeMismatch(let shape, let dtype, let expectedBytes, let actualBytes):
            return "shape \(shape) of \(dtype) needs \(expectedBytes) data bytes, file has \(actualBytes)"
        case .lossyConversion(let dtype, let target, let index, let value):
            return "\(dtype) element \(index) (\(value)) cannot be represented exactly as \(target)"
        case .unsupportedConversion(let dtype, let target):
            return "\(dtype) arrays do not convert to \(target)"
        case .unexpectedShape(let expected, let got):
            return "expected an array of shape \(expected), got \(got)"
        case .missingKey(let key, let present):
            return "no array '\(key)' in .npz; present: \(present.joined(separator: ", "))"
        case .corruptArchive(let path, let reason):
            return "\(path) is not a readable .npz (zip) archive: \(reason)"
        case .inEntry(let name, let error):
            return "entry \(name): \(error)"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}

extension String {
    /// A byte as `\xNN`.
    fileprivate init(hexByte byte: UInt8) {
        let hex = String(byte, radix: 16)
        self = "\\x" + (hex.count == 1 ? "0" + hex : hex)
    }
}
