/// Least-significant-digit radix sort of 64-bit keys, for the packed (region, context, substance,
/// day) codes of ``EmergingSubstanceDetector``.
///
/// Sorting millions of codes this way costs a few linear passes (11 bits per pass, 2,048 buckets
/// that stay in L1), where a comparison sort would cost n·log n comparisons. Passes whose digit is
/// the same for every key are skipped.
enum RadixSort {
    /// The bits consumed per pass.
    private static let digitBits = 11

    /// Sorts `keys` ascending.
    /// - Parameters:
    ///   - keys: The keys; only their low `bits` bits may be non-zero.
    ///   - bits: How many low bits the keys use, 0...64.
    /// - Complexity: O(n · ⌈bits/11⌉) time and O(n) extra memory.
    static func sort(_ keys: inout [UInt64], bits: Int) {
        precondition((0...64).contains(bits), "a radix sort key has 0...64 bits, not \(bits)")
        let count = keys.count
        guard count > 1, bits > 0 else { return }
        guard count >= 256 else {
            keys.sort()
            return
        }
        let passes = (bits + digitBits - 1) / digitBits
        let radix = 1 << digitBits
        let mask = UInt64(radix - 1)
        // One read of the keys builds the histograms of every pass.
        var histograms = [Int](repeating: 0, count: passes * radix)
        histograms.withUnsafeMutableBufferPointer { histogram in
            keys.withUnsafeBufferPointer { source in
                for key in source {
                    for pass in 0..<passes {
                        histogram[
                            pass &* radix &+ Int(truncatingIfNeeded: (key &>> UInt64(pass &* digitBits)) & mask)] &+= 1
                    }
                }
            }
        }
        var buffer = [UInt64](repeating: 0, count: count)
        var sortedIntoBuffer = false
        histograms.withUnsafeMutableBufferPointer { histogram in
            keys.withUnsafeMutableBufferPointer { keyStorage in
                buffer.withUnsafeMutableBufferPointer { bufferStorage in
                    for pass in 0..<passes {
                        let base = pass * radix
                        // A digit shared by every key leaves the order unchanged.
                        var isTrivial = false
                        for bucket in 0..<radix where histogram[base + bucket] != 0 {
                            isTrivial = histogram[base + bucket] == count
                            break
                        }
                        if isTrivial { continue }
                        var offset = 0
                        for bucket in 0..<radix {
                            let size = histogram[base + bucket]
                            histogram[base + bucket] = offset
                            offset += size
                        }
                        let (source, destination) =
                            sortedIntoBuffer ? (bufferStorage, keyStorage) : (keyStorage, bufferStorage)
                        let shift = UInt64(pass * digitBits)
                        for key in source {
                            let bucket = base &+ Int(truncatingIfNeeded: (key &>> shift) & mask)
                            destination[histogram[bucket]] = key
                            histogram[bucket] &+= 1
                        }
                        sortedIntoBuffer.toggle()
                    }
                }
            }
        }
        if sortedIntoBuffer { swap(&keys, &buffer) }
    }
}
