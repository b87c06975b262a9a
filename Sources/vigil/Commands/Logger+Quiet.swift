import Logging

extension Logger {
    /// A logger that writes to standard error only at `critical`.
    static var quiet: Logger {
        var logger = Logger(label: "vigil") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .critical
        return logger
    }
}
