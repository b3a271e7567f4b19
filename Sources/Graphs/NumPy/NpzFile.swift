import Foundation
import ZIPFoundation

/// The arrays of a `.npz` file (a zip archive of `.npy` files), keyed by entry name without the
/// `.npy` extension, as `numpy.savez` writes them.
public struct NpzFile: Sendable, Equatable {
    /// The arrays by key.
    public var arrays: [String: NpyArray]

    /// An archive holding `arrays`.
    public init(_ arrays: [String: NpyArray] = [:]) {
        self.arrays = arrays
    }

    /// The keys, sorted.
    public var keys: [String] { arrays.keys.sorted() }

    /// The array stored under `key`, or `nil`.
    public subscript(key: String) -> NpyArray? {
        get { arrays[key] }
        set { arrays[key] = newValue }
    }

    /// The array stored under `key`.
    ///
    /// - Throws: `NpyError.missingKey` listing the keys present.
    public func array(_ key: String) throws(NpyError) -> NpyArray {
        guard let array = arrays[key] else { throw .missingKey(key: key, present: keys) }
        return array
    }

    /// Reads a `.npz` file. Stored and deflate-compressed entries are both accepted; entries
    /// whose names do not end in `.npy` are ignored, as they hold no array.
    public init(contentsOf url: URL) throws(NpyError) {
        // ZIPFoundation's in-memory archives trap on corrupt offsets, so reading goes through
        // the file-backed archive, which reports them as errors.
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw .unreadable(path: url.path, reason: "no readable file there")
        }
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw .corruptArchive(path: url.path, reason: "\(error)")
        }
        let entries = Array(archive)
        if let declared = ZipEndRecord.declaredEntryCount(of: url), declared != entries.count {
            throw .corruptArchive(
                path: url.path, reason: "the central directory lists \(declared) entries, \(entries.count) are readable")
        }
        var arrays: [String: NpyArray] = [:]
        for entry in entries where entry.type == .file && entry.path.hasSuffix(".npy") {
            var bytes: [UInt8] = []
            do {
                _ = try archive.extract(entry, bufferSize: 1 << 20) { chunk in bytes += chunk }
            } catch {
                throw .inEntry(name: entry.path, error: .corruptArchive(path: url.path, reason: "\(error)"))
            }
            do {
                arrays[String(entry.path.dropLast(4))] = try NpyArray(npyBytes: bytes)
            } catch {
                throw .inEntry(name: entry.path, error: error)
            }
        }
        self.init(arrays)
    }

    /// Reads an archive held in memory (through a temporary file).
    ///
    /// - Parameter path: names the source in errors.
    public init(zipData data: Data, path: String = "<memory>") throws(NpyError) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("graphgrad-\(UUID().uuidString).npz")
        do {
            try data.write(to: url)
        } catch {
            throw .unwritable(path: url.path, reason: error.localizedDescription)
        }
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            try self.init(contentsOf: url)
        } catch {
            throw error.replacingPath(url.path, with: path)
        }
    }

    /// The zip archive bytes: one `KEY.npy` entry per array in key order, deflate-compressed
    /// when `compressed` (like `numpy.savez_compressed`), stored otherwise (like `numpy.savez`).
    public func zipData(compressed: Bool = false) throws(NpyError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            // A fixed timestamp keeps the bytes reproducible for equal arrays.
            let epoch = Date(timeIntervalSince1970: 315_532_800)
            for (key, array) in arrays.sorted(by: { $0.key < $1.key }) {
                let bytes = Data(array.npyBytes)
                try archive.addEntry(
                    with: key + ".npy", type: .file, uncompressedSize: Int64(bytes.count), modificationDate: epoch,
                    compressionMethod: compressed ? .deflate : .none, bufferSize: 1 << 20
                ) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw NpyError.unwritable(path: "<memory>", reason: "no archive data") }
            return data
        } catch let error as NpyError {
            throw error
        } catch {
            throw .unwritable(path: "<memory>", reason: "\(error)")
        }
    }

    /// Writes the archive to `url` atomically (temporary file in the same folder, then rename).
    public func write(to url: URL, compressed: Bool = false) throws(NpyError) {
        let data = try zipData(compressed: compressed)
        do {
            try AtomicFile.write(data, to: url)
        } catch {
            throw .unwritable(path: error.path, reason: error.reason)
        }
    }
}

extension NpyError {
    /// The same error with `old` replaced by `new` wherever it names a file.
    fileprivate func replacingPath(_ old: String, with new: String) -> NpyError {
        switch self {
        case .corruptArchive(let path, let reason):
            return .corruptArchive(path: path == old ? new : path, reason: reason)
        case .inEntry(let name, let error):
            return .inEntry(name: name, error: error.replacingPath(old, with: new))
        case .unreadable(let path, let reason):
            return .unreadable(path: path == old ? new : path, reason: reason)
        default:
            return self
        }
    }
}
