/// The single-precision LLR bound of one circle's cylinders, eight windows at a time.
///
/// With C all cases, the LLR of a cylinder with n > μ cases is μ·g(n/μ) + (C − μ)·g((C − n)/(C − μ))
/// with g(x) = x ln x − x + 1, and since g(x) ≤ (x − 1)²/2 for x ≥ 1 and g(x) ≤ (1 − x)²/(2x) for
/// 0 < x ≤ 1 (compare second derivatives), LLR ≤ (n − μ)²·(1/(2μ) + 1/(2(C − n))), which is at most
/// (n − μ)²·(1/(2μ) + 1/C) when n ≤ C/2. The bound is tight when n is near μ, as for most cylinders.
/// Rounding: the computed bound is short of the true one by less than 1.2·10⁻⁶·√(μ·F) + 6·10⁻⁷·F
/// near a threshold F, which a threshold lowered by k·(F + 1), k = max(10⁻³, 10⁻⁶·√C), covers.
struct CylinderBound {
    let zone: WindowLanes
    let halfInverseZone: WindowLanes
    let inverseTotal: WindowLanes
    let threshold: WindowLanes
    let minimumCases: WindowCounts

    init(zoneSize: Double, total: Double, threshold: Double, minimumCases: Int32) {
        zone = WindowLanes(repeating: Float(zoneSize))
        halfInverseZone = WindowLanes(repeating: Float(0.5 / zoneSize))
        inverseTotal = WindowLanes(repeating: Float(1 / total))
        self.threshold = WindowLanes(repeating: Float(threshold))
        self.minimumCases = WindowCounts(repeating: minimumCases)
    }

    /// The bound of eight cylinders (0 where n ≤ μ).
    @inline(__always)
    func bound(_ cases: WindowCounts, _ rate: WindowLanes, _ inverseRate: WindowLanes) -> WindowLanes {
        let excess = (WindowLanes(cases) - zone * rate).replacing(with: 0, where: WindowLanes(cases) .< zone * rate)
        return excess * excess * (halfInverseZone * inverseRate + inverseTotal)
    }

    /// The windows whose cylinder has enough cases and a bound that reaches the threshold.
    @inline(__always)
    func promising(_ cases: WindowCounts, _ rate: WindowLanes, _ inverseRate: WindowLanes) -> SIMDMask<WindowCounts.MaskStorage> {
        (cases .>= minimumCases) .& (bound(cases, rate, inverseRate) .>= threshold)
    }

    /// Adds a location's window counts to the circle's, tells whether any cylinder is promising, and
    /// returns the largest bound; no branch per chunk.
    @inline(__always)
    func grow(
        _ acc: UnsafeMutablePointer<WindowCounts>, by added: UnsafePointer<WindowCounts>, chunks: Int,
        _ rates: UnsafePointer<WindowLanes>, _ inverseRates: UnsafePointer<WindowLanes>
    ) -> (promising: Bool, largest: Float) {
        var found = SIMDMask<WindowCounts.MaskStorage>(repeating: false)
        var largest = WindowLanes.zero
        for chunk in 0..<chunks {
            let cases = acc[chunk] &+ added[chunk]
            acc[chunk] = cases
            let bounds = bound(cases, rates[chunk], inverseRates[chunk])
            found .|= (cases .>= minimumCases) .& (bounds .>= threshold)
            largest = largest.replacing(with: bounds, where: bounds .> largest)
        }
        return (any(found), largest.max())
    }
}

/// How much one location can raise the square root of a circle's cylinder bounds when it joins.
///
/// With δ[w] the location's cases over the last w days less its expected share (its size × the
/// window's rate), and c_w = 1/(2μ_w) + 1/C the bound's coefficient (which only falls as the circle
/// grows), √bound rises by at most max_w δ⁺[w]·√c_w ≤ A/√z + B/√C, where z is the circle's size
/// when it was last bounded, A = max_w δ⁺[w]·√(1/(2·rate_w)) and B = max_w δ⁺[w].
struct GrowthBounds {
    private let perSize: [Float]
    private let perTotal: [Float]
    private let inverseRootTotal: Float

    init(_ counts: CylinderCounts, _ measure: Measure) {
        let locations = counts.recent.count / max(1, counts.chunks)
        var perSize = [Float](repeating: 0, count: locations)
        var perTotal = [Float](repeating: 0, count: locations)
        for location in 0..<locations {
            let size = WindowLanes(repeating: Float(measure.size(of: location)))
            var (a, b) = (WindowLanes.zero, WindowLanes.zero)
            for chunk in 0..<counts.chunks {
                let cases = WindowLanes(counts.recent[location * counts.chunks + chunk])
                let excess = pointwiseMax(cases - size * measure.rateChunks[chunk], .zero)
                a = pointwiseMax(a, excess * (0.5 * measure.inverseRateChunks[chunk]).squareRoot())
                b = pointwiseMax(b, excess)
            }
            // Rounding margin: the sums of steps stay above what exact arithmetic would give.
            perSize[location] = a.max() * (1 + 1e-4) + 1e-6
            perTotal[location] = b.max() * (1 + 1e-4) + 1e-6
        }
        self.perSize = perSize
        self.perTotal = perTotal
        inverseRootTotal = Float(1 / measure.totalCases.squareRoot())
    }

    /// The rise of √bound when `location` joins a circle last bounded at size 1/`inverseRootSize`².
    @inline(__always)
    func step(_ location: Int, inverseRootSize: Float) -> Float {
        perSize[location] * inverseRootSize + perTotal[location] * inverseRootTotal
    }
}
