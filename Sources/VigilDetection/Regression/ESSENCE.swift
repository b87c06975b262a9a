import VigilCore

/// Pieces shared by CDC's NSSP-ESSENCE detectors (regression, EWMA, switch), following the
/// definitions of the R package Rnssp.
enum ESSENCE {
    /// The design of a baseline: a time index 1…L and Monday…Saturday indicators (Sunday is the
    /// reference day), one row per baseline day.
    static func design(dates: ArraySlice<CalendarDate>) -> DesignMatrix {
        var design = DesignMatrix(rows: dates.count, columns: 7)
        for (row, date) in dates.enumerated() {
            design[row, 0] = Double(row + 1)
            let weekday = date.isoWeekday
            if weekday < 7 { design[row, weekday] = 1 }
        }
        return design
    }

    /// The linear predictor at a time index for a weekday: intercept + time·β + that weekday's
    /// effect (none on Sunday).
    static func predict(_ fit: LinearFit, time: Double, weekday: Int) -> Double {
        fit.coefficients[0] + time * fit.coefficients[1] + (weekday < 7 ? fit.coefficients[1 + weekday] : 0)
    }

    /// A Student t quantile rounded to five decimals, as Rnssp tabulates its control limits.
    static func roundedTQuantile(_ p: Double, degreesOfFreedom df: Int) -> Double {
        (Distributions.studentTQuantile(p, degreesOfFreedom: Double(df)) * 100_000).rounded() / 100_000
    }

    /// The upper tail 1 − F(t) of Student's t.
    static func upperTail(_ t: Double, degreesOfFreedom df: Int) -> Double {
        1 - Distributions.studentTCDF(t, degreesOfFreedom: Double(df))
    }

    /// Checks the parameters every ESSENCE detector shares.
    static func validate(guardBand: Int, alpha: Double, weights: [Double] = []) throws(DetectionError) {
        guard guardBand >= 0 else { throw .parameter("the guard band must not be negative, not \(guardBand)") }
        try DetectionError.checkAlpha(alpha)
        for weight in weights where !(weight > 0 && weight < 1) {
            throw .parameter("the smoothing weight \(weight) must be between 0 and 1")
        }
    }

    /// The sample mean and standard deviation of a window.
    static func meanAndDeviation(_ values: ArraySlice<Double>) -> (mean: Double, deviation: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, (squares / Double(values.count - 1)).squareRoot())
    }
}
