namespace DataForge.Review.Index;

/// <summary>The tables of a run's sidecar index.</summary>
internal static class IndexSchema
{
    /// <summary>Bumped when the layout changes, so older index files are rebuilt.</summary>
    public const string Version = "5";

    /// <summary>The score columns (REAL), in display order.</summary>
    public static readonly IReadOnlyList<string> Scores = ["ifd", "ic_ifd", "less"];

    /// <summary>The columns a list can be sorted by: the scores, then lengths.</summary>
    public static readonly IReadOnlyList<string> Sortable = ["ifd", "ic_ifd", "less", "output_len", "instruction_len"];

    /// <summary>The text columns the list filters by equality and the overview counts.</summary>
    public static readonly IReadOnlyList<string> Facets = ["step", "reason", "kind", "language", "model", "operation", "round"];

    public const string Create = """
        CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE stats(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE shards(shard INTEGER PRIMARY KEY, path TEXT NOT NULL, rejects INTEGER NOT NULL);
        CREATE TABLE records(
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            kept INTEGER NOT NULL,
            step TEXT, reason TEXT, kind TEXT, language TEXT, model TEXT, operation TEXT, round INTEGER,
            ifd REAL, ic_ifd REAL, less REAL, s2l_cluster INTEGER,
            output_len INTEGER NOT NULL, instruction_len INTEGER NOT NULL,
            parent_id TEXT, root_id TEXT,
            shard INTEGER NOT NULL, grp INTEGER NOT NULL, row INTEGER NOT NULL,
            title TEXT NOT NULL);
        CREATE VIRTUAL TABLE fts USING fts5(text, content='', detail=none);
        """;

    /// <summary>
    /// Made once the rows are in. Each score and length index carries <c>kept</c>, so the overview's
    /// histograms read the index alone; <c>(kept, reason)</c> and <c>reason</c> serve the status and
    /// drop-reason filters and their counts.
    /// </summary>
    public const string Indexes = """
        CREATE INDEX records_id ON records(id);
        CREATE INDEX records_root ON records(root_id);
        CREATE INDEX records_ifd ON records(ifd, kept);
        CREATE INDEX records_ic_ifd ON records(ic_ifd, kept);
        CREATE INDEX records_less ON records(less, kept);
        CREATE INDEX records_output_len ON records(output_len, kept);
        CREATE INDEX records_kept_reason ON records(kept, reason);
        CREATE INDEX records_reason ON records(reason);
        """;

    public const string InsertRecord = """
        INSERT INTO records(rowid, id, kept, step, reason, kind, language, model, operation, round, ifd, ic_ifd, less, s2l_cluster,
            output_len, instruction_len, parent_id, root_id, shard, grp, row, title)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
            ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)
        """;

    public const string InsertText = "INSERT INTO fts(rowid, text) VALUES (?1, ?2)";
}
