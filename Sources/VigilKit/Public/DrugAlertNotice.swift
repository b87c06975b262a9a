import Foundation
public import VigilCore
public import VigilStore

/// A public drug alert that a health department can publish: what was found, where (sample counts per
/// area with small counts suppressed), since when, and the advice the department writes. Rendered as
/// plain text and as a printable HTML page (`vigil samples notice`, the dashboard's drug-market page).
public struct DrugAlertNotice: Hashable, Sendable {
    /// What the department adds: every field is optional and printed only when given.
    public struct Advice: Hashable, Sendable, Codable {
        /// A headline; default "Drug alert: <substance> found in the local drug supply".
        public var headline: String?
        /// Harm-reduction advice, one item per line (e.g. "Carry naloxone", "Use test strips", "Do not use alone").
        public var advice: [String]
        /// Where to get help or naloxone.
        public var contact: String?
        /// Who issues the notice.
        public var issuedBy: String?

        /// Advice; all fields empty by default.
        public init(headline: String? = nil, advice: [String] = [], contact: String? = nil, issuedBy: String? = nil) {
            self.headline = headline
            self.advice = advice
            self.contact = contact
            self.issuedBy = issuedBy
        }
    }

    /// The substance's name.
    public var substance: String
    /// Whether its class is configured as dangerous.
    public var isDangerous: Bool
    /// The first and last collection days covered.
    public var since: CalendarDate
    public var through: CalendarDate
    /// The day the substance was first seen among the samples covered.
    public var firstSeen: CalendarDate?
    /// Samples per area, suppressed for publication (one column, `samples`).
    public var areas: SuppressedTable
    /// The department's text.
    public var advice: Advice

    /// The notice for a substance (catalogue name or id, or an unknown name) among the samples collected
    /// from `since` through `through` in `region` (a state includes its counties; `nil` for every sample).
    /// - Throws: ``VigilStore/StoreError`` as the store gives it; `NoticeError` when no sample contains the substance.
    public static func make(
        _ store: any SampleStore, substance text: String, region: RegionCode?, since: CalendarDate, through: CalendarDate,
        advice: Advice, threshold: Int = 10, settings: DrugMarketSettings = .standard, catalog: SubstanceCatalog = .standard
    ) async throws -> DrugAlertNotice {
        let key = catalog.resolve(text)?.rawValue ?? text.lowercased()
        let samples = try await store.fetchSamples(SampleFilter(from: since, to: through, region: region, substance: key))
        guard !samples.isEmpty else {
            throw NoticeError(message: "no sample collected from \(since) through \(through) contains '\(text)'; check the substance and the dates")
        }
        var perArea: [String: Int] = [:]
        for sample in samples {
            let area = sample.region.flatMap { code in RegionCatalog.standard.region(code).map { $0.name + ($0.stateUSPS.map { ", \($0)" } ?? "") } }
                ?? sample.place ?? "Place not recorded"
            perArea[area, default: 0] += 1
        }
        let areas = perArea.keys.sorted()
        return DrugAlertNotice(
            substance: DrugMarketSettings.name(of: key, catalog: catalog), isDangerous: settings.isDangerous(key, catalog: catalog), since: since,
            through: through, firstSeen: samples.map(\.collectedOn).min(),
            areas: SuppressedTable(rows: areas, columns: ["samples"], counts: areas.map { [perArea[$0]!] }, threshold: threshold), advice: advice)
    }

    /// The headline.
    public var headline: String { advice.headline ?? "Drug alert: \(substance) found in the local drug supply" }

    /// A published count, or "not shown" where it is suppressed (small, or one that would reveal a small one).
    private func count(_ value: Int?) -> String { value.map(String.init) ?? "not shown" }

    /// The notice as plain text.
    public var text: String {
        var lines = [headline, String(repeating: "=", count: headline.count), ""]
        lines.append("\(substance) was found in \(areas.total.map { "\($0) drug samples" } ?? "drug samples") collected from \(since) through \(through)"
            + (firstSeen.map { ", first on \($0)" } ?? "") + ".")
        if isDangerous { lines.append("\(substance) is among the substances that make overdoses more likely or harder to reverse.") }
        lines += ["", "Where it was found:"]
        for (index, area) in areas.rows.enumerated() { lines.append("- \(area): \(count(areas.cells[index][0])) samples") }
        if !advice.advice.isEmpty {
            lines += ["", "What you can do:"]
            lines += advice.advice.map { "- \($0)" }
        }
        if let contact = advice.contact { lines += ["", "Help: \(contact)"] }
        lines += ["", "Counts below \(areas.threshold), and counts that would reveal them, are not shown, to protect privacy."]
        if let issuer = advice.issuedBy { lines.append("Issued by \(issuer).") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The notice as a self-contained, printable HTML page.
    public var html: String {
        let e = Markup.escape
        let rows = areas.rows.enumerated().map { "<tr><td>\(e($1))</td><td>\(count(areas.cells[$0][0]))</td></tr>" }.joined()
        let adviceList = advice.advice.isEmpty ? "" : "<h2>What you can do</h2><ul>" + advice.advice.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(e(headline))</title>
            <style>body{font-family:sans-serif;max-width:40em;margin:2em auto;line-height:1.5;color:#202124}h1{color:#b3261e}
            table{border-collapse:collapse}td,th{border:1px solid #9aa0a6;padding:.3em .6em;text-align:left}
            @media print{body{margin:0}}</style></head>
            <body><article id="drug-alert">
            <h1>\(e(headline))</h1>
            <p id="summary">\(e(substance)) was found in \(areas.total.map { "\($0) drug samples" } ?? "drug samples") collected from \(since) through \(through)\
            \(firstSeen.map { ", first on \($0)" } ?? "").</p>
            \(isDangerous ? "<p id=\"danger\"><strong>\(e(substance)) is among the substances that make overdoses more likely or harder to reverse.</strong></p>" : "")
            <h2>Where it was found</h2>
            <table id="areas"><thead><tr><th scope="col">Area</th><th scope="col">Samples</th></tr></thead><tbody>\(rows)</tbody></table>
            \(adviceList)
            \(advice.contact.map { "<h2>Help</h2><p id=\"contact\">\(e($0))</p>" } ?? "")
            <p class="note">Counts below \(areas.threshold), and counts that would reveal them, are not shown, to protect privacy.\(advice.issuedBy.map { " Issued by \(e($0))." } ?? "")</p>
            </article></body></html>

            """
    }
}

/// A notice that cannot be made.
public struct NoticeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong and what to change.
    public var message: String
    public var description: String { message }
}
