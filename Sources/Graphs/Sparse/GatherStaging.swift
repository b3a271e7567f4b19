import CKernels
import Tensors

/// Inputs from this size on are staged. Smaller ones stay in the last-level cache between the
/// gathers of a row (on the 2-core Xeon we develop on, with 10 gathers per row, staging 64 MB
/// lost 9–20%, broke even at 96 MB, and won 13–23% at 128 MB and 24% at 256 MB).
let stagingInputBytes = 128 << 20

/// Gathers per input row from which staging pays: the copy streams the input once (read and
/// write), which on the 256 MB benchmark costs about what 3 gathers per row save.
let stagingGathersPerRow = 4

/// Bytes per chunk of the staging copy: large enough to run at copy bandwidth, small enough to
/// share among threads.
let stagingChunkBytes = 4 << 20

/// Runs `body` on the rows a kernel gathers at random, copied first into the calling thread's
/// staging buffer (2 MiB-aligned, on huge pages) when that pays, else on `input` itself.
///
/// A tensor's scalars follow its array's header, so on a large input every row of 64 Float32
/// starts mid-line and spans 5 cache lines instead of 4, and its 4 KiB pages miss the TLB on
/// nearly every random row. Staging pays on inputs too large for the caches whose rows are
/// gathered several times each (``stagingInputBytes``, ``stagingGathersPerRow``). The copy is
/// exact, so results do not change.
func withGatherSource<R>(
    _ input: UnsafeRawPointer, bytes: Int, rowCount: Int, gatherCount: Int, _ body: (UnsafeRawPointer) -> R
) -> R {
    guard bytes >= stagingInputBytes, gatherCount >= stagingGathersPerRow * rowCount else { return body(input) }
    let staging = gg_thread_staging(Int64(bytes))!
    parallelChunks(count: (bytes + stagingChunkBytes - 1) / stagingChunkBytes, grain: 1) { chunks in
        let start = chunks.lowerBound * stagingChunkBytes, end = min(bytes, chunks.upperBound * stagingChunkBytes)
        (staging + start).copyMemory(from: input + start, byteCount: end - start)
    }
    return body(UnsafeRawPointer(staging))
}
