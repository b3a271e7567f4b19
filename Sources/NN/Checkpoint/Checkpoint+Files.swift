import Foundation
import Graphs

extension Checkpoint {
    /// Writes the checkpoint to `url` atomically: the bytes go to a temporary file in the same
    /// directory, are flushed to disk, and the temporary file is then renamed over `url`. A
    /// crash at any point leaves either the previous file or the new one, never a mix.
    public func write(to url: URL) throws(CheckpointError) {
        do {
            try AtomicFile.write(encoded(), to: url)
        } catch {
            throw .io(path: error.path, reason: error.reason)
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
}
