import Foundation

extension NodeDataset {
    /// The datasets that ship inside the package, loadable offline with `load(named:)`:
    /// `cora` (Planetoid split of Yang et al. 2016) and `karate` (Zachary's karate club).
    public static let bundledNames = ["cora", "karate"]

    /// Loads a bundled dataset by name, with no network access.
    ///
    /// - Throws: `DatasetError.unknownDataset` listing `bundledNames` for any other name.
    public static func load(named name: String) throws(DatasetError) -> NodeDataset {
        guard bundledNames.contains(name) else { throw .unknownDataset(name: name, available: bundledNames) }
        guard let url = Bundle.module.url(forResource: name, withExtension: "npz", subdirectory: "Datasets") else {
            throw .missingResource(name: name)
        }
        return try load(path: url.path, name: name)
    }
}
