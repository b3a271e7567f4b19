import Foundation

extension NpyArray {
    /// The bytes of a `.npy` file holding this array: format 1.0 (2.0 when the header exceeds
    /// 65 535 bytes), little-endian, with the header padded so the data starts on a 64-byte
    /// boundary as numpy does.
    public var npyBytes: [UInt8] {
        let header = NpyHeader(descr: dtype.descr, fortranOrder: fortranOrder, shape: shape).literal
        var version: UInt8 = 1
        var prefixLength = 10
        var padded = NpyArray.padded(header, prefixLength: prefixLength)
        if padded.utf8.count > Int(UInt16.max) {
            version = 2
            prefixLength = 12
            padded = NpyArray.padded(header, prefixLength: prefixLength)
        }
        var bytes = NpyArray.magic + [version, 0]
        let length = padded.utf8.count
        for byte in 0..<(prefixLength - 8) { bytes.append(UInt8(truncatingIfNeeded: length >> (8 * byte))) }
        bytes += Array(padded.utf8)
        bytes += storage
        return bytes
    }

    /// Writes the array to a `.npy` file atomically (a temporary file in the same folder,
    /// renamed over `url`), so readers never see a half-written file.
    public func write(to url: URL) throws(NpyError) {
        do {
            try AtomicFile.write(npyBytes, to: url)
        } catch {
            throw .unwritable(path: error.path, reason: error.reason)
        }
    }

    /// `header` padded with spaces and ended by a newline so that prefix + header is a multiple
    /// of 64 bytes.
    private static func padded(_ header: String, prefixLength: Int) -> String {
        let unpadded = prefixLength + header.utf8.count + 1
        let padding = (64 - unpadded % 64) % 64
        return header + String(repeating: " ", count: padding) + "\n"
    }
}
