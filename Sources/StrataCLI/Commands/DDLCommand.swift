// `strata ddl`: the statements that register the lake's tables (and, with --models, build its models) in
// Athena, Trino, Spark or Hive, printed to standard output for the other engine to run.
import ArgumentParser
import Foundation
import StrataLake

extension DDLDialect: ExpressibleByArgument {}

public struct DDLCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ddl",
        abstract: "Print the DDL that registers the lake's tables (and builds its models) in Athena, Trino, Spark or Hive.",
        discussion: """
            Tables: CREATE EXTERNAL TABLE with columns, partition keys and location, then
            what registers the partitions (MSCK REPAIR TABLE; Trino's sync_partition_metadata;
            on Athena, partition projection when DATE and integer partitions are dense).
            Models (--models): a CTAS on Athena and Trino; CREATE TABLE plus INSERT OVERWRITE
            on Spark and Hive, with functions renamed where Spark spells them differently.

            Examples:
              strata ddl --dialect athena --location-root s3://data-lake/lake
              strata ddl --dialect spark --models models silver.events
              strata ddl --dialect trino --catalog hive > register.sql
            """)

    @OptionGroup var lakeOptions: LakeOptions

    @Option(help: "athena, trino, spark or hive.")
    var dialect: DDLDialect = .athena

    @Option(help: ArgumentHelp("Where the lake's root is for the other engine (s3://bucket/prefix); the lake's own location by default.", valueName: "uri"))
    var locationRoot: String?

    @Option(help: "Trino's catalog for the Hive connector.")
    var catalog: String = "hive"

    @Option(help: ArgumentHelp("A folder of model files to render too.", valueName: "folder"))
    var models: String?

    @Argument(help: "Tables to print (every table of the lake when none).")
    var tables: [String] = []

    public init() {}

    public func run() throws {
        try CommandFailure.reporting {
            var ddl = LakeDDL(session: try lakeOptions.makeSession(), dialect: dialect)
            ddl.locationRoot = locationRoot
            ddl.trinoCatalog = catalog
            var output = OutputWriter()
            output.write(try ddl.statements(tables: tables, models: models))
            output.flush()
        }
    }
}
