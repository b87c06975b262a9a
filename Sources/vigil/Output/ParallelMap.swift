import Dispatch

extension Array {
    /// The elements transformed on every core, in order: for the long outputs of large runs (a
    /// screening's reported lines), whose rows are independent of one another.
    func parallelMap<Result>(_ transform: (Element) -> Result) -> [Result] {
        let pieceSize = 4096
        let count = count
        guard count > pieceSize else { return map(transform) }
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Safe: each piece writes only its own slots, and all are written before this returns.
            nonisolated(unsafe) let (output, input) = (buffer, self)
            withoutActuallyEscaping(transform) { transform in
                nonisolated(unsafe) let transform = transform
                DispatchQueue.concurrentPerform(iterations: (count + pieceSize - 1) / pieceSize) { piece in
                    let range = (piece * pieceSize)..<Swift.min(count, (piece + 1) * pieceSize)
                    for index in range { (output.baseAddress! + index).initialize(to: transform(input[index])) }
                }
            }
            initialized = count
        }
    }
}
