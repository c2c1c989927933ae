// The lake layer: table discovery, partitions, ingestion and materialization.
