import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writes whole files so that a reader, or a process killed mid-write, sees either the old file
/// or the new one, never a part.
public enum AtomicFile {
    /// Writes `bytes` to a temporary file beside `url`, flushes it to disk, renames it over
    /// `url` (a rename within one folder is atomic on POSIX file systems) and flushes the folder
    /// so the rename itself survives a crash. The temporary file is removed on failure.
    public static func write<Bytes: Collection<UInt8>>(_ bytes: Bytes, to url: URL) throws(AtomicFileError) {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        let temporary = "\(directory)/.\(url.lastPathComponent).\(UUID().uuidString).partial"
        let contiguous = Array(bytes)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw AtomicFileError(path: path, reason: systemReason()) }
        var written = 0
        while written < contiguous.count {
            let n = contiguous.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + written, contiguous.count - written) }
            guard n > 0 else {
                let reason = systemReason()
                close(fd)
                unlink(temporary)
                throw AtomicFileError(path: path, reason: reason)
            }
            written += n
        }
        guard fsync(fd) == 0, close(fd) == 0, rename(temporary, path) == 0 else {
            let reason = systemReason()
            unlink(temporary)
            throw AtomicFileError(path: path, reason: reason)
        }
        let directoryFD = open(directory, O_RDONLY)
        if directoryFD >= 0 {
            fsync(directoryFD)
            close(directoryFD)
        }
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}

/// Why a file could not be written.
public struct AtomicFileError: Error, CustomStringConvertible, Sendable {
    /// The destination.
    public let path: String
    /// What the file system said.
    public let reason: String

    /// "cannot write PATH: REASON".
    public var description: String { "cannot write \(path): \(reason)" }
}
