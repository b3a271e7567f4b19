import Foundation
import GraphGrad

/// The live progress of training on standard error: one line rewritten in place (`\r`) when
/// standard error is a terminal, nothing otherwise (logs get the summary lines instead).
struct ProgressLine {
    private let isTerminal = isatty(STDERR_FILENO) == 1

    /// Shows `record` of run `run` (from 1) of `runs`, out of `epochs` epochs.
    func show(_ record: EpochRecord, run: Int, of runs: Int, epochs: Int) {
        guard isTerminal else { return }
        let m = record.metrics
        let prefix = runs > 1 ? "run \(run)/\(runs)  " : ""
        let line = prefix + "epoch \(record.epoch + 1)/\(epochs)  loss \(fixed(record.loss, 4))  "
            + "train \(fixed(m.trainAccuracy, 3))  val \(fixed(m.validationAccuracy, 3))  "
            + "\(fixed(record.trainMilliseconds, 1)) ms/epoch"
        // Clear to the end of the line: the previous line may have been longer.
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
    }

    /// Ends the progress line so that later output starts on a fresh line.
    func finish() {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// `value` with `digits` decimals.
func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
