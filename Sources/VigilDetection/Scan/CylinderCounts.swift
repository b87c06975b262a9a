/// Each location's cases over the last w days, w = 1…windows, for O(1) cylinder counts.
///
/// Window counts are stored in ``WindowCounts``, eight windows to a chunk (window w in lane
/// (w − 1) mod 8 of chunk (w − 1)/8, unused lanes 0), so that growing a circle by one location and
/// bounding its cylinders works on eight windows at a time.
struct CylinderCounts {
    /// The longest window, in days.
    let windows: Int
    /// Chunks of eight windows per location.
    let chunks: Int
    /// Cases of each location over the last 1…windows days, location-major with stride `chunks`.
    let recent: [WindowCounts]

    /// Counts from cases per location and day, location-major over `days` days.
    init(counts: [Int], locations: Int, days: Int, windows: Int) {
        var daily = [Int32](repeating: 0, count: locations * windows)
        for location in 0..<locations {
            for window in stride(from: 1, through: windows, by: 1) {
                daily[location * windows + window - 1] = Int32(counts[location * days + days - window])
            }
        }
        self.init(recentDays: daily, locations: locations, windows: windows)
    }

    /// Counts from cases per location on each of the last `windows` days, location-major, the
    /// last study day first.
    init(recentDays: [Int32], locations: Int, windows: Int) {
        self.windows = windows
        let chunks = (windows + WindowCounts.scalarCount - 1) / WindowCounts.scalarCount
        self.chunks = chunks
        recent = [WindowCounts](unsafeUninitializedCapacity: locations * chunks) { buffer, initialized in
            let lanes = UnsafeMutableRawBufferPointer(buffer).bindMemory(to: Int32.self)
            lanes.initialize(repeating: 0)
            recentDays.withUnsafeBufferPointer { daily in
                for location in 0..<locations {
                    var running: Int32 = 0
                    for window in 0..<windows {
                        running &+= daily[location * windows + window]
                        lanes[location * chunks * WindowCounts.scalarCount + window] = running
                    }
                }
            }
            initialized = locations * chunks
        }
    }
}

/// Eight windows' case counts.
typealias WindowCounts = SIMD8<Int32>

/// Eight windows' values in single precision: enough for a bound that only decides which cylinders
/// get an exact double-precision LLR.
typealias WindowLanes = SIMD8<Float>
