import ArgumentParser
import VigilCore
import VigilDetection
import VigilKit
import VigilStore

struct SeriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Print event counts per period and series (the input of 'vigil detect').",
        discussion: """
            Columns: series,date,count. Every period from the start to the end of the range is present, zero \
            where nothing happened; a week is labelled with its Monday. Series names are the region code, or \
            region:substance / region:outcome. Events without a region are in no series.
            """)

    @Option(help: "region, region,substance or region,outcome.")
    var by: String = SeriesGrouping.region.rawValue

    @Option(help: "day or week.")
    var interval: String = CountSeries.Interval.day.rawValue

    @OptionGroup var filterOptions: FilterOptions

    @Option(help: "csv, json or table.")
    var format: OutputFormat = .csv

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard SeriesGrouping(rawValue: by) != nil else {
            throw ValidationError("--by '\(by)' is not one of region, region,substance, region,outcome")
        }
        guard CountSeries.Interval(rawValue: interval) != nil else {
            throw ValidationError("--interval '\(interval)' is not one of day, week")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let series = try await SeriesBuilder(store: storeOptions.openStore()).build(
                SeriesGrouping(rawValue: by)!, interval: CountSeries.Interval(rawValue: interval)!,
                filter: filterOptions.makeFilter())
            var table = OutputTable(columns: ["series", "date", "count"])
            for one in series {
                for (date, count) in zip(one.dates, one.counts) {
                    table.rows.append([.text(one.name), .text(date.description), .integer(count)])
                }
            }
            print(table.render(format), terminator: "")
        }
    }
}
