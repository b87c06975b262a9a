import Foundation
import Testing
import VigilCore

@testable import VigilDetection

@Suite("Emerging substances")
struct EmergingSubstanceDetectorTests {
    // MARK: Helpers

    static func date(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { preconditionFailure("'\(text)' is not a date") }
        return date
    }

    static func sample(_ day: CalendarDate, _ region: String, _ substances: String...) -> SubstanceSample {
        SubstanceSample(day: day, region: region, substances: substances.map(SubstanceID.init(rawValue:)))
    }

    static func detector(_ parameters: EmergingSubstanceDetector.Parameters = .init()) throws
        -> EmergingSubstanceDetector
    {
        try EmergingSubstanceDetector(parameters)
    }

    /// Weekly samples of one region from `start`: each week 20...40 samples on random days of the
    /// week, each containing xylazine with probability `share(week)`.
    static func weeklySamples(
        region: String, start: CalendarDate, weeks: Int, share: (Int) -> Double, using generator: inout SplitMix64
    ) -> [SubstanceSample] {
        var samples: [SubstanceSample] = []
        for week in 0..<weeks {
            for _ in 0..<Int.random(in: 20...40, using: &generator) {
                let day = start.adding(days: 7 * week + Int.random(in: 0..<7, using: &generator))
                let hasXylazine = Double.random(in: 0..<1, using: &generator) < share(week)
                samples.append(hasXylazine ? sample(day, region, "xylazine", "heroin") : sample(day, region, "heroin"))
            }
        }
        return samples
    }

    static let xylazine = SubstanceID(rawValue: "xylazine")
    static let fentanyl = SubstanceID(rawValue: "fentanyl")

    // MARK: First appearance

    @Test("a substance new in one county is reported on exactly its first day, in that county only")
    func firstAppearanceInOneCounty() throws {
        let start = Self.date("2023-01-01")
        var samples: [SubstanceSample] = []
        for offset in stride(from: 0, to: 546, by: 3) {
            for county in ["09001", "09003", "09009"] {
                samples.append(
                    Self.sample(start.adding(days: offset), county, "fentanyl", offset % 2 == 0 ? "heroin" : "cocaine"))
            }
        }
        let first = Self.date("2024-03-05")
        samples += [
            Self.sample(first, "09003", "medetomidine"), Self.sample(first, "09003", "medetomidine", "medetomidine"),
            Self.sample(Self.date("2024-03-20"), "09003", "medetomidine"),
            Self.sample(Self.date("2024-03-21"), "09001", "heroin"),
        ]
        let report = try Self.detector().evaluate(samples, from: Self.date("2024-01-01"), to: Self.date("2024-06-30"))
        let appearances = report.findings.filter { $0.kind != .risingShare }
        #expect(appearances.count == 1)
        let finding = try #require(appearances.first)
        #expect(finding.kind == .firstAppearance && finding.region == "09003")
        #expect(finding.substance == SubstanceID(rawValue: "medetomidine") && finding.anchor == nil)
        #expect(
            finding.day == first && finding.lastDay == first && finding.previousDay == nil && !finding.isReappearance)
        // 2024-03-05 is day 429 after 2023-01-01, a multiple of 3: one regular sample that day too.
        #expect(finding.samplesWithSubstance == 2 && finding.samples == 3)
    }

    @Test(
        "a re-appearance is reported after more than quietDays without the substance, not before",
        arguments: [(30, false), (179, false), (180, false), (181, true), (400, true)]
    )
    func reappearance(gap: Int, isReported: Bool) throws {
        let previous = Self.date("2023-06-01")
        var samples = [Self.sample(previous, "09009", "carfentanil", "fentanyl")]
        // Other samples of the region, without carfentanil, every other day.
        for offset in stride(from: -400, to: 500, by: 2) {
            samples.append(Self.sample(previous.adding(days: offset), "09009", "fentanyl"))
        }
        samples.append(Self.sample(previous.adding(days: gap), "09009", "carfentanil"))
        let findings = try Self.detector(.init(quietDays: 180)).findings(
            in: samples, from: previous.adding(days: 1), to: previous.adding(days: 450))
        let appearances = findings.filter { $0.kind == .firstAppearance }
        if isReported {
            #expect(appearances.count == 1)
            #expect(appearances.first?.day == previous.adding(days: gap))
            #expect(appearances.first?.previousDay == previous && appearances.first?.isReappearance == true)
        } else {
            #expect(appearances.isEmpty)
        }
        // Only the pair's first sample held fentanyl too, before the window: no co-occurrence in it.
        #expect(!findings.contains { $0.kind == .newCooccurrence })
    }

    @Test("when the data start in the window, every substance is a first appearance on its first day")
    func dataStartingInWindow() throws {
        let from = Self.date("2024-01-01")
        let samples = [
            Self.sample(from.adding(days: 3), "A", "heroin"),
            Self.sample(from.adding(days: 1), "A", "heroin", "cocaine"),
            Self.sample(from.adding(days: 1), "B", "cocaine"),
        ]
        let findings = try Self.detector(.init(anchors: [])).findings(
            in: samples, from: from, to: from.adding(days: 30))
        let expected = [("A", "cocaine"), ("A", "heroin"), ("B", "cocaine")]
        #expect(findings.map { [$0.region, $0.substance.rawValue] } == expected.map { [$0.0, $0.1] })
        #expect(
            findings.allSatisfy {
                $0.kind == .firstAppearance && $0.day == from.adding(days: 1) && $0.previousDay == nil
            })
    }

    // MARK: New co-occurrence

    @Test("a substance newly found together with fentanyl is a new co-occurrence, not a first appearance")
    func newCooccurrenceWithFentanyl() throws {
        let start = Self.date("2023-01-02")
        var samples: [SubstanceSample] = []
        for week in 0..<60 {
            let day = start.adding(days: 7 * week)
            samples += [Self.sample(day, "09009", "fentanyl"), Self.sample(day, "09009", "cocaine")]
            samples += [Self.sample(day, "09001", "fentanyl", "cocaine")]
        }
        // A Monday with the weekly samples: the pair sample and the fentanyl-only sample have fentanyl.
        let pairDay = Self.date("2024-02-12")
        samples += [
            Self.sample(pairDay, "09009", "cocaine", "fentanyl"), Self.sample(pairDay, "09001", "cocaine", "fentanyl"),
        ]
        let findings = try Self.detector().findings(
            in: samples, from: Self.date("2024-01-01"), to: Self.date("2024-06-30")
        )
        .filter { $0.kind != .risingShare }
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.kind == .newCooccurrence && finding.region == "09009" && finding.day == pairDay)
        #expect(finding.substance == SubstanceID(rawValue: "cocaine") && finding.anchor == Self.fentanyl)
        #expect(finding.previousDay == nil && finding.samples == 2 && finding.samplesWithSubstance == 1)
    }

    @Test("a pair of anchors is reported once, under the anchor listed first; re-co-occurrence after the quiet period")
    func anchorPairsAndQuietPeriod() throws {
        let earlier = Self.date("2023-01-10")
        let samples = [
            Self.sample(earlier, "A", "cocaine", "fentanyl"), Self.sample(Self.date("2023-02-01"), "A", "fentanyl"),
            Self.sample(Self.date("2024-03-01"), "A", "fentanyl", "cocaine", "xylazine"),
        ]
        let detector = try Self.detector(.init(anchors: [Self.fentanyl, Self.xylazine]))
        let findings = detector.findings(in: samples, from: Self.date("2024-01-01"), to: Self.date("2024-12-31"))
            .filter { $0.kind == .newCooccurrence }
        let described = findings.map {
            "\($0.substance)+\($0.anchor?.rawValue ?? "-") \($0.previousDay?.description ?? "new")"
        }
        #expect(described == ["cocaine+fentanyl 2023-01-10", "cocaine+xylazine new", "xylazine+fentanyl new"])
    }

    // MARK: Rising share

    @Test("hand-computed through the detector: baseline 9 of 94 (p0 = 9.5/95 = 0.1), odds ratio 2.25 (p1 = 0.2), h = 4")
    func handComputedShare() throws {
        let from = Self.date("2024-01-01")
        var samples: [SubstanceSample] = []
        for index in 0..<94 {
            samples.append(Self.sample(from.adding(days: -94 + index), "R", index < 9 ? "xylazine" : "heroin"))
        }
        let weeks: [(samples: Int, positives: Int)] = [(10, 1), (10, 3), (10, 4), (20, 2), (0, 0), (10, 5), (10, 2)]
        for (week, counts) in weeks.enumerated() {
            for index in 0..<counts.samples {
                samples.append(
                    Self.sample(
                        from.adding(days: 7 * week + index % 7), "R", index < counts.positives ? "xylazine" : "heroin"))
            }
        }
        let parameters = EmergingSubstanceDetector.Parameters(
            anchors: [], period: .week, baselineDays: nil, minimumBaselineSamples: 94, oddsRatio: 2.25, threshold: 4)
        let report = try Self.detector(parameters).evaluate(samples, from: from, to: from.adding(days: 48))
        #expect(report.insufficientBaselines.isEmpty)
        let alarms = report.findings.filter { $0.kind == .risingShare }
        // S: 0, 1.2549602920851517, 3.320850800386632, 2.587050519691621, (no samples), 5.463871244209431 → alarm.
        #expect(alarms.count == 1)
        let alarm = try #require(alarms.first)
        let share = try #require(alarm.share)
        #expect(alarm.substance == Self.xylazine && alarm.anchor == nil && alarm.region == "R")
        #expect(alarm.day == from.adding(days: 35) && alarm.lastDay == from.adding(days: 41))
        #expect(alarm.samples == 10 && alarm.samplesWithSubstance == 5)
        #expect(abs(share.cusum - 5.463871244209431) < 1e-12)
        #expect(abs(share.inControlShare - 0.1) < 1e-15 && abs(share.outOfControlShare - 0.2) < 1e-15)
        #expect(
            share.baselineSamples == 94 && share.baselineSamplesWithSubstance == 9
                && abs(share.baselineShare - 9.0 / 94) < 1e-15)
        #expect(share.recentShare == 0.5)
        // One sample short of the minimum baseline: no share findings, and the region is listed.
        let strict = try Self.detector(
            .init(
                anchors: [], period: .week, baselineDays: nil, minimumBaselineSamples: 95, oddsRatio: 2.25, threshold: 4
            )
        )
        .evaluate(samples, from: from, to: from.adding(days: 48))
        #expect(!strict.findings.contains { $0.kind == .risingShare })
        #expect(
            strict.insufficientBaselines == [
                .init(region: "R", anchor: nil, baselineSamples: 94, evaluationSamples: 70)
            ])
    }

    @Test("a share rising from 5% to 40% alarms within three weeks of the change", arguments: 0..<20 as Range<UInt64>)
    func risingShareAlarms(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let start = Self.date("2023-01-02")
        let from = start.adding(days: 52 * 7)
        let changeWeek = 10
        var samples = Self.weeklySamples(
            region: "09009", start: start, weeks: 52, share: { _ in 0.05 }, using: &generator)
        samples += Self.weeklySamples(
            region: "09009", start: from, weeks: 20, share: { $0 < changeWeek ? 0.05 : 0.40 }, using: &generator)
        // A second county stays at 5%.
        samples += Self.weeklySamples(region: "09001", start: start, weeks: 72, share: { _ in 0.05 }, using: &generator)
        let parameters = EmergingSubstanceDetector.Parameters(anchors: [], period: .week)
        let alarms = try Self.detector(parameters).findings(in: samples, from: from, to: from.adding(days: 20 * 7 - 1))
            .filter { $0.kind == .risingShare && $0.substance == Self.xylazine && $0.region == "09009" }
        let change = from.adding(days: 7 * changeWeek)
        let first = try #require(alarms.first { $0.day >= change })
        #expect(first.day <= change.adding(days: 14), "first alarm \(first.day), change \(change)")
        #expect(try #require(first.share).recentShare > 0.2)
        // Before the change, alarms are false alarms: at most the documented rate (about 1 per 150 periods).
        #expect(alarms.filter { $0.day < change }.count <= 1)
    }

    @Test("a stable 5% share over 100 weeks alarms at most once per 150 periods", arguments: [false, true])
    func stableShare(fewSamples: Bool) throws {
        var alarms = 0
        var periods = 0
        let start = Self.date("2022-01-03")
        let from = start.adding(days: 52 * 7)
        for seed in 0..<50 as Range<UInt64> {
            var generator = SplitMix64(seed: 1_000 + seed)
            var samples = Self.weeklySamples(
                region: "09009", start: start, weeks: 152, share: { _ in 0.05 }, using: &generator)
            if fewSamples { samples = samples.filter { _ in Int.random(in: 0..<5, using: &generator) == 0 } }
            let findings = try Self.detector(.init(anchors: [], period: .week, minimumBaselineSamples: 30))
                .findings(in: samples, from: from, to: from.adding(days: 100 * 7 - 1))
            alarms += findings.filter { $0.kind == .risingShare }.count
            periods += 100
        }
        #expect(alarms * 150 <= periods, "\(alarms) alarms in \(periods) periods")
    }

    @Test(
        "the share of xylazine among fentanyl-positive samples alarms with anchor fentanyl, the overall share does not")
    func anchoredShare() throws {
        let start = Self.date("2023-01-02")
        let from = start.adding(days: 52 * 7)
        var samples: [SubstanceSample] = []
        for week in 0..<60 {
            let day = (week < 52 ? start : from).adding(days: 7 * (week < 52 ? week : week - 52))
            let isEvaluation = week >= 52
            for index in 0..<10 {
                // Fentanyl samples: 1 in 10 with xylazine in the baseline, 5 in 10 after.
                samples.append(
                    index < (isEvaluation ? 5 : 1)
                        ? Self.sample(day, "A", "fentanyl", "xylazine") : Self.sample(day, "A", "fentanyl"))
                // Other samples: 3 in 10 with xylazine in the baseline, none after.
                samples.append(
                    !isEvaluation && index < 3
                        ? Self.sample(day, "A", "cocaine", "xylazine") : Self.sample(day, "A", "cocaine"))
            }
        }
        let to = from.adding(days: 8 * 7 - 1)
        let findings = try Self.detector(.init(period: .week)).findings(in: samples, from: from, to: to)
        let alarms = findings.filter { $0.kind == .risingShare && $0.substance == Self.xylazine }
        // p0 = 52.5/521, p1 = 2·p0/(1 + p0); each week adds 5·ln(p1/p0) + 5·ln((1 − p1)/(1 − p0)) ≈ 2.506, so the
        // statistic reaches h = 5 every second week.
        #expect(alarms.map(\.day) == [1, 3, 5, 7].map { from.adding(days: 7 * $0) })
        #expect(alarms.allSatisfy { $0.anchor == Self.fentanyl && $0.samples == 10 && $0.samplesWithSubstance == 5 })
        let p0 = 52.5 / 521
        let p1 = 2 * p0 / (1 + p0)
        let week = 5 * log(p1 / p0) + 5 * log((1 - p1) / (1 - p0))
        #expect(abs((alarms.first?.share?.cusum ?? 0) - 2 * week) < 1e-12)
        let unanchored = try Self.detector(.init(period: .week, monitorsAnchoredShares: false)).findings(
            in: samples, from: from, to: to)
        #expect(!unanchored.contains { $0.kind == .risingShare })
    }

    // MARK: Edge cases, parameters, determinism

    @Test("no samples, or samples only after the window, give an empty report")
    func emptyInput() throws {
        let detector = try Self.detector()
        let (from, to) = (Self.date("2024-01-01"), Self.date("2024-12-31"))
        let empty = detector.evaluate([], from: from, to: to)
        #expect(empty.findings.isEmpty && empty.insufficientBaselines.isEmpty && empty.from == from && empty.to == to)
        let later = detector.evaluate([Self.sample(Self.date("2025-01-01"), "A", "fentanyl")], from: from, to: to)
        #expect(later.findings.isEmpty && later.insufficientBaselines.isEmpty)
        let nothingFound = detector.evaluate([Self.sample(Self.date("2024-02-01"), "A")], from: from, to: to)
        #expect(nothingFound.findings.isEmpty)
        #expect(
            nothingFound.insufficientBaselines == [
                .init(region: "A", anchor: nil, baselineSamples: 0, evaluationSamples: 1)
            ])
    }

    @Test(
        "invalid parameters are rejected with a message naming the parameter",
        arguments: [
            (EmergingSubstanceDetector.Parameters(quietDays: 0), "quietDays"),
            (.init(period: .days(0)), "period"),
            (.init(baselineDays: 0), "baselineDays"),
            (.init(minimumBaselineSamples: 0), "minimumBaselineSamples"),
            (.init(oddsRatio: 1), "oddsRatio"),
            (.init(oddsRatio: .nan), "oddsRatio"),
            (.init(threshold: 0), "threshold"),
            (.init(threshold: -.infinity), "threshold"),
            (.init(anchors: [SubstanceID(rawValue: "fentanyl"), SubstanceID(rawValue: "fentanyl")]), "twice"),
            (.init(anchors: [SubstanceID(rawValue: "")]), "empty"),
        ]
    )
    func invalidParameters(parameters: EmergingSubstanceDetector.Parameters, named: String) {
        #expect {
            try EmergingSubstanceDetector(parameters)
        } throws: { error in
            guard let error = error as? DetectionError else { return false }
            return error.code == .invalidParameter && error.message.contains(named)
        }
    }

    @Test("the defaults are valid and documented values")
    func defaults() throws {
        let parameters = try Self.detector().parameters
        #expect(
            parameters.quietDays == 180 && parameters.anchors == [Self.fentanyl] && parameters.period == .calendarMonth)
        #expect(parameters.baselineDays == 365 && parameters.minimumBaselineSamples == 30)
        #expect(parameters.oddsRatio == 2 && parameters.threshold == 5)
    }

    /// Random samples over many regions and substances, with some new substances and pairs late.
    static func randomSamples(count: Int, regions: Int, substances: Int, days: Int, using generator: inout SplitMix64)
        -> [SubstanceSample]
    {
        let start = date("2022-01-01")
        return (0..<count).map { _ in
            let day = Int.random(in: 0..<days, using: &generator)
            // Substance k may appear only after day k·days/(2·substances): later substances are new late.
            var found: [String] = []
            if Int.random(in: 0..<2, using: &generator) == 0 { found.append("fentanyl") }
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                let substance = Int.random(in: 0..<substances, using: &generator)
                if day >= substance * days / (2 * substances) { found.append("s\(substance)") }
            }
            return SubstanceSample(
                day: start.adding(days: day), region: "r\(Int.random(in: 0..<regions, using: &generator))",
                substances: found.map(SubstanceID.init(rawValue:)))
        }
    }

    @Test(
        "the report is the same for shuffled input and when regions are processed in small groups",
        arguments: 0..<6 as Range<UInt64>)
    func deterministic(seed: UInt64) throws {
        var generator = SplitMix64(seed: 50 + seed)
        let samples = Self.randomSamples(count: 3_000, regions: 7, substances: 12, days: 700, using: &generator)
        let detector = try Self.detector(
            .init(
                quietDays: 60, anchors: [Self.fentanyl, SubstanceID(rawValue: "s3")], period: .days(14),
                baselineDays: 200, minimumBaselineSamples: 20, threshold: 3))
        let (from, to) = (Self.date("2022-01-01").adding(days: 400), Self.date("2022-01-01").adding(days: 699))
        let report = detector.evaluate(samples, from: from, to: to)
        #expect(report.findings.contains { $0.kind == .firstAppearance })
        #expect(report.findings.contains { $0.kind == .newCooccurrence })
        #expect(report.findings.contains { $0.kind == .risingShare })
        #expect(detector.evaluate(samples.shuffled(using: &generator), from: from, to: to) == report)
        // 700 days (10 bits), 13 substances (4 bits), 3 contexts (2 bits): 17 bits leave 1 bit, 2 regions per group.
        #expect(detector.evaluate(samples, from: from, to: to, codeBits: 17) == report)
        // Sorted by day (ISO text sorts as dates), region, substance, kind, then anchor, none ("") first.
        let key = { (finding: SubstanceFinding) -> [String] in
            let kind = SubstanceFinding.Kind.allCases.firstIndex(of: finding.kind) ?? 0
            return [
                finding.day.description, finding.region, finding.substance.rawValue, "\(kind)",
                finding.anchor?.rawValue ?? "",
            ]
        }
        let sorted = report.findings.sorted { key($0).lexicographicallyPrecedes(key($1)) }
        #expect(report.findings == sorted)
    }

    @Test("appearances agree with a direct scan of each region and substance", arguments: 0..<6 as Range<UInt64>)
    func appearancesMatchDirectScan(seed: UInt64) throws {
        var generator = SplitMix64(seed: 90 + seed)
        let samples = Self.randomSamples(count: 2_000, regions: 5, substances: 30, days: 900, using: &generator)
        let (from, to) = (Self.date("2022-01-01").adding(days: 500), Self.date("2022-01-01").adding(days: 800))
        let quietDays = 45
        let findings = try Self.detector(.init(quietDays: quietDays, anchors: [])).findings(
            in: samples, from: from, to: to
        )
        .filter { $0.kind == .firstAppearance }
        // Direct: the sorted distinct days of each (region, substance), then the gaps.
        var days: [String: Set<CalendarDate>] = [:]
        for sample in samples where sample.day <= to {
            for substance in sample.substances { days["\(sample.region) \(substance)", default: []].insert(sample.day) }
        }
        var expected: [String] = []
        for (key, set) in days {
            let sorted = set.sorted()
            for (index, day) in sorted.enumerated() where day >= from {
                if index == 0 || day.dayNumber - sorted[index - 1].dayNumber > quietDays {
                    expected.append("\(key) \(day)")
                }
            }
        }
        #expect(findings.map { "\($0.region) \($0.substance) \($0.day)" }.sorted() == expected.sorted())
        #expect(!expected.isEmpty)
    }

    @Test("a substance listed twice in one sample counts once")
    func duplicateSubstances() throws {
        let day = Self.date("2024-05-01")
        let findings = try Self.detector(.init(anchors: [])).findings(
            in: [Self.sample(day, "A", "xylazine", "xylazine", "heroin", "xylazine")], from: day, to: day)
        #expect(findings.map(\.samplesWithSubstance) == [1, 1] && findings.map(\.samples) == [1, 1])
    }
}
