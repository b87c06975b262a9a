import ArgumentParser

/// The `vigil` command: the composition root that picks the store and runs VigilKit's use cases.
@main
struct Vigil: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil",
        abstract: "Overdose early warning and synthetic-drug intelligence.",
        discussion: """
            Exit codes: 0 success; 1 error (the message says what to fix); 3 import finished but some rows \
            were quarantined (see 'vigil quarantine'); 64 bad command-line usage.
            """,
        subcommands: [
            ImportCommand.self, EventsCommand.self, SamplesCommand.self, SeriesCommand.self, DetectCommand.self, AlertsCommand.self, ScanCommand.self,
            QuarantineCommand.self, WatchlistCommand.self, ScreenCommand.self, ReconcileCommand.self, ScreeningsCommand.self, EntitiesCommand.self, ResolveCommand.self,
            BatchesCommand.self, ServeCommand.self, TokenCommand.self, MigrateCommand.self, DatabaseCommand.self,
            DemoCommand.self, BenchCommand.self, NetworkCommand.self, TraceCommand.self, AccessCommand.self, PlaceCommand.self,
        ]
    )
}
