namespace DataForge.Review.Index;

/// <summary>One record as the index holds it: the columns filters use and where its row lives.</summary>
/// <param name="Rowid">Its position in the index (data shards first, then rejects).</param>
/// <param name="Id">The record id.</param>
/// <param name="Kept">True for a data-shard row, false for a reject.</param>
/// <param name="Step">The producing or dropping step.</param>
/// <param name="Reason">Drop reason, or selection reason.</param>
/// <param name="Kind">Record kind.</param>
/// <param name="Language">Programming language.</param>
/// <param name="Model">Model identity.</param>
/// <param name="Operation">Operation that made it.</param>
/// <param name="Round">Evolution round.</param>
/// <param name="Ifd">IFD score.</param>
/// <param name="IcIfd">IC-IFD score.</param>
/// <param name="Less">LESS score.</param>
/// <param name="OutputLength">Characters of output.</param>
/// <param name="ParentId">Parent record id.</param>
/// <param name="RootId">Root seed id.</param>
/// <param name="Shard">Index of its shard in the index's shard table.</param>
/// <param name="Group">Row group within the shard.</param>
/// <param name="Row">Row within the group.</param>
/// <param name="Title">The first characters of its instruction (or first message, or output).</param>
public sealed record IndexedRecord(
    long Rowid,
    string Id,
    bool Kept,
    string? Step,
    string? Reason,
    string? Kind,
    string? Language,
    string? Model,
    string? Operation,
    int? Round,
    double? Ifd,
    double? IcIfd,
    double? Less,
    long OutputLength,
    string? ParentId,
    string? RootId,
    int Shard,
    int Group,
    int Row,
    string Title)
{
    /// <summary>The columns selected to make an <see cref="IndexedRecord"/>, in order.</summary>
    internal const string Columns = "rowid, id, kept, step, reason, kind, language, model, operation, round, ifd, ic_ifd, less, output_len, parent_id, root_id, shard, grp, row, title";

    /// <summary>The value of a score column by name (<c>ifd</c>, <c>ic_ifd</c>, <c>less</c>).</summary>
    public double? Score(string column) => column switch
    {
        "ifd" => Ifd,
        "ic_ifd" => IcIfd,
        "less" => Less,
        _ => null,
    };

    internal static IndexedRecord Read(Microsoft.Data.Sqlite.SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetInt64(2) == 1,
        Text(r, 3),
        Text(r, 4),
        Text(r, 5),
        Text(r, 6),
        Text(r, 7),
        Text(r, 8),
        r.IsDBNull(9) ? null : r.GetInt32(9),
        r.IsDBNull(10) ? null : r.GetDouble(10),
        r.IsDBNull(11) ? null : r.GetDouble(11),
        r.IsDBNull(12) ? null : r.GetDouble(12),
        r.GetInt64(13),
        Text(r, 14),
        Text(r, 15),
        r.GetInt32(16),
        r.GetInt32(17),
        r.GetInt32(18),
        r.GetString(19));

    private static string? Text(Microsoft.Data.Sqlite.SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
