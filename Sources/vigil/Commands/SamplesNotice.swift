import ArgumentParser
import Foundation
import VigilCore
import VigilKit

struct SamplesNotice: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "Write a public drug alert: where a substance was found since a day, small counts suppressed, with your advice.",
        discussion: """
            Counts the stored samples containing --substance collected from --since through --through (default today), per \
            county (or place, for samples without one), and writes a plain-language notice as text or as a printable HTML \
            page; --pdf FILE also prints that page to PDF with headless Chromium. Counts from 1 to --suppress-below − 1 are hidden, with complementary \
            suppression so that no hidden count can be worked out from the total. The department's fields are optional: \
            --headline, --advice (repeat it, one item each), --contact, --issued-by.
            """)

    @Option(help: "The substance (catalogue name or identifier, or a name the catalogue does not know).") var substance: String
    @Option(help: "The first collection day (YYYY-MM-DD).") var since: String
    @Option(help: "The last collection day (YYYY-MM-DD, default today).") var through: String?
    @Option(help: "A county or state FIPS code (a state includes its counties); default every sample.") var region: String?
    @Option(help: "A headline instead of the default.") var headline: String?
    @Option(help: "One item of harm-reduction advice (repeatable).") var advice: [String] = []
    @Option(help: "Where to get help or naloxone.") var contact: String?
    @Option(help: "Who issues the notice.") var issuedBy: String?
    @Option(help: "Counts below this are suppressed.") var suppressBelow = 10
    @Option(help: "text or html.") var format = "text"
    @Option(help: "Also print the HTML notice to this PDF file (needs Chromium).") var pdf: String?
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard format == "text" || format == "html" else { throw ValidationError("--format '\(format)' is not text or html") }
        guard suppressBelow >= 1 else { throw ValidationError("--suppress-below must be at least 1") }
    }

    func run() async throws {
        try await reportingErrors {
            let first = try FilterOptions.date(since, option: "--since")
            let last = try through.map { try FilterOptions.date($0, option: "--through") }
                ?? CalendarDate(dayNumber: Int(Date().timeIntervalSince1970) / 86_400)
            guard first <= last else { throw ValidationError("--since \(first) is after --through \(last)") }
            let code = try region.map { text in
                guard let code = RegionCode(rawValue: text), code.level != .country else {
                    throw ValidationError("--region '\(text)' is not a state (09) or county (09009) FIPS code")
                }
                return code
            }
            let notice = try await DrugAlertNotice.make(
                try await storeOptions.openStore(), substance: substance, region: code, since: first, through: last,
                advice: .init(headline: headline, advice: advice, contact: contact, issuedBy: issuedBy), threshold: suppressBelow)
            print(format == "html" ? notice.html : notice.text, terminator: "")
            if let pdf {
                try PDFPrinter.print(html: notice.html, to: pdf)
                printError("PDF written to \(pdf)")
            }
        }
    }
}
