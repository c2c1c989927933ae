// The formats results are printed in.
import ArgumentParser

public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, csv, json, ndjson, markdown, parquet
}
