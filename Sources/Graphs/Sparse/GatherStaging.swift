import CKernels
import Tensors

/// Bytes per chunk of the staging copy: large enough to run at copy bandwidth, small enough to
/// share among threads.
let stagingChunkBytes = 4 << 20

/// Runs `body` on the rows a kernel gathers at random, copied first into the calling thread's
/// staging buffer (2 MiB-aligned, on huge pages) when that pays, else on `input` itself.
///
/// A tensor's scalars follow its array's header, so on a large input every row of 64 Float32
/// starts mid-line and spans 5 cache lines instead of 4, and its 4 KiB pages miss the TLB on
/// nearly every random row. The copy streams the input once (read and write); it pays when the
/// input is larger than the caches (``prefetchInputBytes``) and its rows are gathered at least
/// twice each on average. The copy is exact, so results do not change.
func withGatherSource<R>(
    _ input: UnsafeRawPointer, bytes: Int, rowCount: Int, gatherCount: Int, _ body: (UnsafeRawPointer) -> R
) -> R {
    guard bytes > prefetchInputBytes, gatherCount >= 2 * rowCount else { return body(input) }
    let staging = gg_thread_staging(Int64(bytes))!
    parallelChunks(count: (bytes + stagingChunkBytes - 1) / stagingChunkBytes, grain: 1) { chunks in
        let start = chunks.lowerBound * stagingChunkBytes, end = min(bytes, chunks.upperBound * stagingChunkBytes)
        (staging + start).copyMemory(from: input + start, byteCount: end - start)
    }
    return body(UnsafeRawPointer(staging))
}
