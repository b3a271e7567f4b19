import Foundation
import GraphGrad

/// Per-node predictions in one of the files `predict` writes.
struct PredictionFile {
    /// The file types, chosen by extension.
    enum Format {
        case npy, npz, csv

        /// The format of `path`'s extension, if supported.
        init?(path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "npy": self = .npy
            case "npz": self = .npz
            case "csv": self = .csv
            default: return nil
            }
        }
    }

    /// The predicted class of every node.
    let classes: [Int]
    /// `[nodes, classes]` class probabilities.
    let probabilities: Tensor<Float>

    /// Writes the file atomically.
    func write(_ format: Format, to url: URL) throws {
        let predictions = NpyArray(classes.map(Int64.init))
        switch format {
        case .npy:
            try predictions.write(to: url)
        case .npz:
            let npz = NpzFile([
                "predictions": predictions,
                "probabilities": NpyArray(probabilities.scalars, shape: probabilities.shape),
            ])
            try npz.write(to: url)
        case .csv:
            try AtomicFile.write(Data(csv.utf8), to: url)
        }
    }

    private var csv: String {
        let classCount = probabilities.shape[1]
        var lines = ["node,prediction," + (0..<classCount).map { "p\($0)" }.joined(separator: ",")]
        let p = probabilities.scalars
        for (node, predicted) in classes.enumerated() {
            let row = p[(node * classCount)..<((node + 1) * classCount)].map { "\($0)" }
            lines.append("\(node),\(predicted)," + row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
