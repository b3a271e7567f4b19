import Foundation

/// Writes whole files so that a reader sees either the old file or the new one, never a part.
enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, then renames it over `url` (a rename
    /// within one folder is atomic on POSIX file systems).
    static func write(_ data: Data, to url: URL) throws(NpyError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw .unwritable(path: url.path, reason: error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(path: url.path, reason: reason)
        }
    }
}
