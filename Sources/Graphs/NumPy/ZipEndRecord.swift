import Foundation

/// The entry count a zip archive's end-of-central-directory record declares.
///
/// ZIPFoundation stops iterating silently at the first unreadable central-directory entry, so
/// a damaged archive can look like a shorter, valid one; comparing the entries read with the
/// count declared here exposes that.
enum ZipEndRecord {
    private static let signature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    /// Fixed record size plus the longest possible archive comment.
    private static let searchLength = 22 + Int(UInt16.max)

    /// The declared number of entries, or `nil` when there is no end record or the archive is
    /// ZIP64 (whose count lives in another record).
    static func declaredEntryCount(of url: URL) -> Int? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return nil }
        let start = size > UInt64(searchLength) ? size - UInt64(searchLength) : 0
        guard (try? handle.seek(toOffset: start)) != nil, let tail = try? handle.readToEnd() else { return nil }
        let bytes = [UInt8](tail)
        guard bytes.count >= 22 else { return nil }
        for offset in stride(from: bytes.count - 22, through: 0, by: -1)
        where bytes[offset..<(offset + 4)].elementsEqual(signature) {
            let count = Int(bytes[offset + 10]) | Int(bytes[offset + 11]) << 8
            return count == Int(UInt16.max) ? nil : count
        }
        return nil
    }
}
