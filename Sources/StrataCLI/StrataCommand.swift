// The `strata` command and its subcommands.
import ArgumentParser

public struct StrataCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "A SQL engine for Hive-partitioned Parquet data lakes.",
        discussion: """
            Without a command, strata opens an interactive SQL session on the lake (strata repl). Exit status: 0 on success, 1 when a statement fails, 64 when the command line is wrong, 130 when Ctrl-C ends a batch session.

            Examples:
              strata --lake ./lake
              strata query "SELECT count(*) FROM silver.events"
              strata run --format csv reports/weekly.sql > weekly.csv
              strata ingest --models silver
              strata materialize --models models --select gold.daily_revenue+
              strata crawl && strata doctor silver.events
              strata inspect lake/silver/events/event_date=2024-03-01/part-0.parquet
              echo "SHOW TABLES;" | strata

            Shell completion (bash, zsh or fish):
              source <(strata --generate-completion-script bash)
            """,
        version: StrataVersion.current,
        subcommands: [
            REPLCommand.self,
            QueryCommand.self,
            RunCommand.self,
            InspectCommand.self,
            CatCommand.self,
            IngestCommand.self,
            MaterializeCommand.self,
            CrawlCommand.self,
            DoctorCommand.self,
            CompactCommand.self,
            RetainCommand.self,
            DDLCommand.self,
        ],
        defaultSubcommand: REPLCommand.self
    )

    public init() {}
}

public enum StrataVersion {
    public static let current = "0.1.0"
}
