using System.Security.Cryptography;
using DataForge.Storage.Runs;
using DataForge.Storage.Shards;
using Microsoft.Data.Sqlite;

namespace DataForge.Review.Index;

/// <summary>
/// A run folder's sidecar index (SQLite in WAL mode): one row per record with the columns filters use
/// and a pointer to its shard row, and an FTS5 table over instruction, input, output and messages.
/// Built once per manifest (keyed by the manifest's sha256), then only queried a page at a time; the
/// full rows are read back from the shards one row group at a time.
/// </summary>
public sealed partial class ReviewIndex
{
    private readonly string _connectionString;
    private readonly List<(string Path, bool Rejects)> _shards;
    private readonly GroupCache _groups = new(4);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<(string Value, long Kept, long Rejected)>> _facets = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Histogram?> _histograms = new(StringComparer.Ordinal);

    private ReviewIndex(ReviewRun run, RunManifest manifest, string path)
    {
        Run = run;
        Manifest = manifest;
        FilePath = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite }.ToString();
        _shards = Query("SELECT path, rejects FROM shards ORDER BY shard", null, r => (r.GetString(0), r.GetInt64(1) == 1));
        Count = Scalar("SELECT count(*) FROM records", null);
        LoadStats();
    }

    /// <summary>The run.</summary>
    public ReviewRun Run { get; }

    /// <summary>The run's manifest.</summary>
    public RunManifest Manifest { get; }

    /// <summary>The index file.</summary>
    public string FilePath { get; }

    /// <summary>Records indexed (kept and rejected).</summary>
    public long Count { get; }

    /// <summary>The index file of <paramref name="run"/> in <paramref name="indexDirectory"/>.</summary>
    public static string PathFor(ReviewRun run, string indexDirectory)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Path.Combine(indexDirectory, $"{run.Name}.index.sqlite");
    }

    /// <summary>
    /// Opens the index of <paramref name="run"/>, building it first when it is missing or was built
    /// from another manifest (the folder changed) or an older layout.
    /// </summary>
    /// <returns>The index, and whether it was built now.</returns>
    public static async Task<(ReviewIndex Index, bool Built)> OpenAsync(ReviewRun run, string indexDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var manifestPath = Path.Combine(run.Folder, "manifest.json");
        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(manifestPath, cancellationToken).ConfigureAwait(false)));
        var manifest = ManifestJson.Read(manifestPath);
        Directory.CreateDirectory(indexDirectory);
        var path = PathFor(run, indexDirectory);
        var built = false;
        if (!IsCurrent(path, sha))
        {
            SqliteConnection.ClearAllPools();
            foreach (var stale in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(stale);
            }

            await IndexBuilder.BuildAsync(run.Folder, manifest, sha, path, cancellationToken).ConfigureAwait(false);
            built = true;
        }

        var index = new ReviewIndex(run, manifest, path);
        if (built)
        {
            index.StoreStats();
        }

        return (index, built);
    }

    /// <summary>The row of <paramref name="record"/> read back from its shard (a <see cref="RejectRow"/> for a reject).</summary>
    public async Task<ShardRow> ReadRowAsync(IndexedRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (path, rejects) = _shards[record.Shard];
        var key = (record.Shard, record.Group);
        if (_groups.Get(key) is not { } rows)
        {
            rows = await ShardGroups.ReadAsync(Path.Combine(Run.Folder, path), rejects, record.Group, cancellationToken).ConfigureAwait(false);
            _groups.Put(key, rows);
        }

        return rows[record.Row];
    }

    private static bool IsCurrent(string path, string sha)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT value FROM info WHERE key = 'manifest_sha256') || '/' || (SELECT value FROM info WHERE key = 'schema')";
            return command.ExecuteScalar() as string == $"{sha}/{IndexSchema.Version}";
        }
        catch (SqliteException)
        {
            // Not an index (a file left by a crash, another version's layout): rebuild it.
            return false;
        }
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private List<T> Query<T>(string sql, Action<SqliteCommand>? bind, Func<SqliteDataReader, T> read)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind?.Invoke(command);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private long Scalar(string sql, Action<SqliteCommand>? bind)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind?.Invoke(command);
        return command.ExecuteScalar() is long value ? value : 0;
    }

    /// <summary>The last few row groups read, so paging through one record's neighbours reads each group once.</summary>
    private sealed class GroupCache(int capacity)
    {
        private readonly LinkedList<((int, int) Key, IReadOnlyList<ShardRow> Rows)> _entries = new();
        private readonly Lock _lock = new();

        public IReadOnlyList<ShardRow>? Get((int, int) key)
        {
            lock (_lock)
            {
                return _entries.FirstOrDefault(e => e.Key == key).Rows;
            }
        }

        public void Put((int, int) key, IReadOnlyList<ShardRow> rows)
        {
            lock (_lock)
            {
                _entries.AddFirst((key, rows));
                while (_entries.Count > capacity)
                {
                    _entries.RemoveLast();
                }
            }
        }
    }
}
