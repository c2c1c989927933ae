// The `strata` command and its subcommands.
import ArgumentParser

public struct StrataCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "A SQL engine for Hive-partitioned Parquet data lakes.",
        version: StrataVersion.current,
        subcommands: [
            QueryCommand.self,
            RunCommand.self,
            InspectCommand.self,
            CatCommand.self,
            MaterializeCommand.self,
        ]
    )

    public init() {}
}

public enum StrataVersion {
    public static let current = "0.1.0"
}
