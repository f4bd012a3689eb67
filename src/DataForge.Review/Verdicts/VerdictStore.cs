using System.Globalization;
using System.Text;
using DataForge.Core.Review;
using DataForge.Storage.Review;
using Microsoft.Data.Sqlite;

namespace DataForge.Review.Verdicts;

/// <summary>
/// The verdicts given in the review tool, kept durably in a SQLite file (<c>review.sqlite</c> in the
/// index folder; never in a run's shards): every verdict is appended, the last one for an id wins.
/// </summary>
public sealed class VerdictStore
{
    /// <summary>The store's file name in the index folder.</summary>
    public const string FileName = "review.sqlite";

    private readonly string _connectionString;

    /// <summary>Opens (creating when needed) the store at <paramref name="path"/>.</summary>
    public VerdictStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        FilePath = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS verdicts(seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, verdict TEXT NOT NULL, note TEXT, reviewer TEXT, at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS verdicts_id ON verdicts(id);
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>The store's file.</summary>
    public string FilePath { get; }

    /// <summary>The store of an index folder.</summary>
    public static VerdictStore In(string indexDirectory) => new(Path.Combine(indexDirectory, FileName));

    /// <summary>Records <paramref name="verdict"/> (committed before this returns).</summary>
    public void Add(ReviewVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO verdicts(id, verdict, note, reviewer, at) VALUES ($id, $verdict, $note, $reviewer, $at)";
        command.Parameters.AddWithValue("$id", verdict.Id);
        command.Parameters.AddWithValue("$verdict", VerdictFile.Name(verdict.Kind));
        command.Parameters.AddWithValue("$note", (object?)verdict.Note ?? DBNull.Value);
        command.Parameters.AddWithValue("$reviewer", (object?)verdict.Reviewer ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", (verdict.At ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    /// <summary>The verdicts in force (the last one per id).</summary>
    public ReviewVerdicts All()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, verdict, note, reviewer, at FROM verdicts ORDER BY seq";
        using var reader = command.ExecuteReader();
        var verdicts = new List<ReviewVerdict>();
        while (reader.Read())
        {
            var kind = reader.GetString(1) switch
            {
                "accept" => ReviewVerdictKind.Accept,
                "reject" => ReviewVerdictKind.Reject,
                _ => ReviewVerdictKind.Flag,
            };
            var at = DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            verdicts.Add(new ReviewVerdict(reader.GetString(0), kind, reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), at));
        }

        return ReviewVerdicts.From(verdicts);
    }

    /// <summary>The verdicts in force as a verdicts file's text (<see cref="VerdictFile.FormatLine"/>, one per line, sorted by id).</summary>
    public static string Format(ReviewVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var text = new StringBuilder();
        foreach (var verdict in verdicts.All)
        {
            text.Append(VerdictFile.FormatLine(verdict)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Rewrites the verdicts file <paramref name="path"/> (a builds folder's <c>verdicts.jsonl</c>) with
    /// its own verdicts and this store's, the store's winning for an id both name: written to a
    /// temporary file beside it, then renamed over it, so a build never reads half a file.
    /// </summary>
    /// <exception cref="Core.Diagnostics.DataForgeConfigException">The existing file is malformed (it is left as it is).</exception>
    public void WriteMerged(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var merged = ReviewVerdicts.From(VerdictFile.Read(path).All.Concat(All().All));
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temp, Format(merged), new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
