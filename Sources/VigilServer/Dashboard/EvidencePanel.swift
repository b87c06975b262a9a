import Foundation
import VigilCore
import VigilKit

/// The evidence panel of an alert page: the drug-market finding of a substance alert; the samples
/// around an overdose alert with their substances (new and dangerous ones marked), the substances on
/// its events, and the notes on raised severity or lowered thresholds.
enum EvidencePanel {
    static func html(_ evidence: AlertEvidence?) -> String {
        guard let evidence, !evidence.isEmpty else {
            return "<section id=\"evidence\" aria-labelledby=\"evidence-heading\"><h2 id=\"evidence-heading\">Drug-market evidence</h2>"
                + "<p>No drug samples were gathered for this alert.</p></section>"
        }
        var body = ""
        if !evidence.notes.isEmpty {
            body += "<ul id=\"evidence-notes\">" + evidence.notes.map { "<li>\(Page.escape($0))</li>" }.joined() + "</ul>"
        }
        if let finding = evidence.finding { body += findingHTML(finding) }
        if let samples = evidence.samples { body += samplesHTML(samples) }
        if !evidence.eventSubstances.isEmpty {
            let rows = evidence.eventSubstances.map { "<tr><td>\(Page.escape($0.name))</td><td>\($0.count)</td></tr>" }.joined()
            body += "<table id=\"event-substances\"><caption>Substances recorded on the overdose events of the same area and days</caption>"
                + "<thead><tr><th scope=\"col\">Substance</th><th scope=\"col\">Events</th></tr></thead><tbody>\(rows)</tbody></table>"
        }
        return "<section id=\"evidence\" aria-labelledby=\"evidence-heading\"><h2 id=\"evidence-heading\">Drug-market evidence</h2>\(body)</section>"
    }

    private static func findingHTML(_ finding: SubstanceFindingEvidence) -> String {
        let what: String
        switch finding.kind {
        case "newCooccurrence": what = "first found together with \(Page.escape(finding.anchor ?? "an anchor"))"
        case "risingShare":
            what = "in a rising share of samples" + (finding.anchor.map { " containing \(Page.escape($0))" } ?? "")
                + String(format: " (%.0f %% against a baseline of %.0f %%)", 100 * (finding.recentShare ?? 0), 100 * (finding.baselineShare ?? 0))
        default: what = finding.previousDay.map { "found again after none since \($0)" } ?? "found for the first time"
        }
        let samples = finding.sampleIdentifiers.map { "<li><code>\(Page.escape($0))</code></li>" }.joined()
        return """
            <p id="finding"><strong>\(Page.escape(finding.substanceName))</strong>\(finding.isDangerous ? " (dangerous)" : "") was \(what): \
            \(finding.samplesWithSubstance) of \(finding.samples) samples, \(finding.day)\(finding.lastDay != finding.day ? " to \(finding.lastDay)" : "").</p>
            <ul id="finding-samples">\(samples)</ul>
            """
    }

    private static func samplesHTML(_ samples: NearbySamples) -> String {
        var area = samples.regions.map { RegionCatalog.standard.region($0)?.name ?? $0.rawValue }.joined(separator: ", ")
        if let radius = samples.radiusKilometres { area += (area.isEmpty ? "" : ", and ") + "within \(Int(radius.rounded())) km of the cluster's centre" }
        let rows = samples.substances.map { substance in
            var marks: [String] = []
            if substance.isNew { marks.append("<span class=\"badge red\">new</span>") }
            if substance.isDangerous { marks.append("<span class=\"badge yellow\">dangerous</span>") }
            return "<tr><td>\(Page.escape(substance.name)) \(marks.joined(separator: " "))</td><td>\(substance.samples)</td><td>\(substance.firstSeen)</td></tr>"
        }.joined()
        let listed = samples.sampleIdentifiers.map { "<li><code>\(Page.escape($0))</code></li>" }.joined()
        return """
            <p id="nearby-summary">\(samples.count) drug sample\(samples.count == 1 ? "" : "s") collected \(samples.from) to \(samples.to) in \(Page.escape(area)).</p>
            \(samples.substances.isEmpty ? "" : """
            <table id="nearby-substances"><caption>Substances in those samples</caption>
            <thead><tr><th scope="col">Substance</th><th scope="col">Samples</th><th scope="col">First seen in the area</th></tr></thead><tbody>\(rows)</tbody></table>
            """)
            \(listed.isEmpty ? "" : "<details><summary>Samples</summary><ul id=\"nearby-samples\">\(listed)</ul></details>")
            """
    }
}
