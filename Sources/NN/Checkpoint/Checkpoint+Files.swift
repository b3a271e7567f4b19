import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

extension Checkpoint {
    /// Writes the checkpoint to `url` atomically: the bytes go to a temporary file in the same
    /// directory, are flushed to disk, and the temporary file is then renamed over `url`. A
    /// crash at any point leaves either the previous file or the new one, never a mix.
    public func write(to url: URL) throws(CheckpointError) {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        let temporary = "\(directory)/.\(url.lastPathComponent).\(UUID().uuidString).partial"
        let bytes = encoded()
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw Self.systemError(temporary) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            guard n > 0 else {
                let error = Self.systemError(temporary)
                close(fd)
                unlink(temporary)
                throw error
            }
            written += n
        }
        guard fsync(fd) == 0, close(fd) == 0 else {
            let error = Self.systemError(temporary)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = Self.systemError(path)
            unlink(temporary)
            throw error
        }
        // Make the rename itself durable.
        let directoryFD = open(directory, O_RDONLY)
        if directoryFD >= 0 {
            fsync(directoryFD)
            close(directoryFD)
        }
    }

    /// Reads and validates the checkpoint at `url`.
    public init(contentsOf url: URL) throws(CheckpointError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .io(path: url.path, reason: "\(error.localizedDescription)")
        }
        try self.init(decoding: [UInt8](data))
    }

    private static func systemError(_ path: String) -> CheckpointError {
        .io(path: path, reason: String(cString: strerror(errno)))
    }
}
