using Microsoft.Data.Sqlite;

namespace DataForge.Storage.Store;

/// <summary>The run store's SQLite file: connections, the schema, and the batched insert of results.</summary>
internal static class StoreDatabase
{
    /// <summary>Opens a connection that waits up to 10 s for another writer.</summary>
    public static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=10000;");
        return connection;
    }

    /// <summary>Creates the results and ledger tables where they are missing (WAL mode).</summary>
    public static void CreateSchema(SqliteConnection connection)
    {
        Execute(connection, """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS runs (run_id TEXT NOT NULL, attempt INTEGER NOT NULL, pipeline TEXT NOT NULL,
                started_utc TEXT NOT NULL, finished_utc TEXT, status TEXT NOT NULL, PRIMARY KEY (run_id, attempt));
            CREATE TABLE IF NOT EXISTS run_steps (run_id TEXT NOT NULL, attempt INTEGER NOT NULL, step TEXT NOT NULL,
                received INTEGER NOT NULL, emitted INTEGER NOT NULL, computed INTEGER NOT NULL, cache_hits INTEGER NOT NULL,
                PRIMARY KEY (run_id, attempt, step));
            """);
        RunLedger.EnsureRunFolderColumn(connection);
    }

    /// <summary>Commits <paramref name="batch"/> in one transaction.</summary>
    public static void InsertResults(SqliteConnection connection, List<KeyValuePair<string, byte[]>> batch)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO results (key, value) VALUES ($key, $value)";
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var value = command.Parameters.Add("$value", SqliteType.Blob);
        foreach (var (k, v) in batch)
        {
            key.Value = k;
            value.Value = v;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
