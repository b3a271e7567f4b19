import Foundation

/// Writing a file so that readers see either the old contents or the new, never a partial file.
enum AtomicFile {
    /// Writes `data` to a temporary file next to `url`, then renames it over `url`.
    ///
    /// The temporary file lives in the destination's folder so the rename stays on one file
    /// system, where rename(2) replaces the destination atomically; it is removed on failure.
    static func write(_ data: Data, to url: URL) throws(AtomicFileError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw AtomicFileError(path: url.path, reason: error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw AtomicFileError(path: url.path, reason: reason)
        }
    }
}

/// Why a file could not be written.
struct AtomicFileError: Error, CustomStringConvertible {
    /// The destination.
    let path: String
    /// What the file system said.
    let reason: String

    var description: String { "cannot write \(path): \(reason)" }
}
