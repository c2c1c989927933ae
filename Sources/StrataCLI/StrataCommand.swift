// The `strata` command and its subcommands.
import ArgumentParser

public struct StrataCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "A SQL engine for Hive-partitioned Parquet data lakes.",
        discussion: """
            Without a command, strata opens an interactive SQL session on the lake (strata repl).

            Examples:
              strata --lake ./lake
              strata query "SELECT event_date, count(*) FROM silver.events GROUP BY 1 ORDER BY 1"
              strata run --format csv reports/weekly.sql > weekly.csv
              strata inspect lake/silver/events/event_date=2024-03-01/part-0.parquet
              echo "SHOW TABLES;" | strata

            Shell completion: strata --generate-completion-script bash|zsh|fish
            """,
        version: StrataVersion.current,
        subcommands: [
            REPLCommand.self,
            QueryCommand.self,
            RunCommand.self,
            InspectCommand.self,
            CatCommand.self,
        ],
        defaultSubcommand: REPLCommand.self
    )

    public init() {}
}

public enum StrataVersion {
    public static let current = "0.1.0"
}
