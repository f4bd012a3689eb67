using System.Globalization;
using Microsoft.Data.Sqlite;

namespace DataForge.Storage.Store;

/// <summary>The SQL of the runs ledger (tables <c>runs</c> and <c>run_steps</c>); callers serialise access to the connection.</summary>
internal static class RunLedger
{
    // Stores made before attempts recorded their run folder gain the column (NULL for their rows).
    public static void EnsureRunFolderColumn(SqliteConnection connection)
    {
        using (var probe = connection.CreateCommand())
        {
            probe.CommandText = "SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'run_dir'";
            if (Convert.ToInt64(probe.ExecuteScalar()!, CultureInfo.InvariantCulture) > 0)
            {
                return;
            }
        }

        try
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = "ALTER TABLE runs ADD COLUMN run_dir TEXT";
            alter.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
        {
            // Another process opening the store added it first.
        }
    }

    public static int Begin(SqliteConnection connection, string runId, string pipeline, DateTimeOffset now, string? runDirectory)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO runs (run_id, attempt, pipeline, started_utc, status, run_dir)
            VALUES ($run, (SELECT coalesce(max(attempt), 0) + 1 FROM runs WHERE run_id = $run), $pipeline, $now, 'running', $dir)
            RETURNING attempt
            """;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$pipeline", pipeline);
        command.Parameters.AddWithValue("$now", now.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$dir", (object?)runDirectory ?? DBNull.Value);
        return Convert.ToInt32(command.ExecuteScalar()!, CultureInfo.InvariantCulture);
    }

    // Only attempts building the same run folder (whose lock the caller holds), or of unknown folder (older stores).
    public static int MarkCrashed(SqliteConnection connection, string runId, string runDirectory)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE runs SET status = 'crashed', finished_utc = NULL
            WHERE run_id = $run AND status = 'running' AND (run_dir = $dir OR run_dir IS NULL)
            """;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$dir", runDirectory);
        return command.ExecuteNonQuery();
    }

    // Every attempt of a pipeline still marked running (the caller holds that pipeline's build lock, so none is alive).
    public static int MarkAbandoned(SqliteConnection connection, string pipeline)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE runs SET status = 'crashed', finished_utc = NULL WHERE pipeline = $pipeline AND status = 'running'";
        command.Parameters.AddWithValue("$pipeline", pipeline);
        return command.ExecuteNonQuery();
    }

    public static void Finish(SqliteConnection connection, string runId, int attempt, string status, DateTimeOffset now, IEnumerable<StepLedgerEntry> steps)
    {
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE runs SET status = $status, finished_utc = $now WHERE run_id = $run AND attempt = $attempt";
            command.Parameters.AddWithValue("$status", status);
            command.Parameters.AddWithValue("$now", now.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$run", runId);
            command.Parameters.AddWithValue("$attempt", attempt);
            command.ExecuteNonQuery();
        }

        foreach (var step in steps)
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT OR REPLACE INTO run_steps (run_id, attempt, step, received, emitted, computed, cache_hits)
                VALUES ($run, $attempt, $step, $received, $emitted, $computed, $hits)
                """;
            command.Parameters.AddWithValue("$run", runId);
            command.Parameters.AddWithValue("$attempt", attempt);
            command.Parameters.AddWithValue("$step", step.Step);
            command.Parameters.AddWithValue("$received", step.Received);
            command.Parameters.AddWithValue("$emitted", step.Emitted);
            command.Parameters.AddWithValue("$computed", step.Computed);
            command.Parameters.AddWithValue("$hits", step.CacheHits);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public static IReadOnlyList<RunLedgerEntry> Read(SqliteConnection connection, string runId)
    {
        var runs = new List<RunLedgerEntry>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT attempt, status FROM runs WHERE run_id = $run ORDER BY attempt";
        command.Parameters.AddWithValue("$run", runId);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                runs.Add(new RunLedgerEntry(reader.GetInt32(0), reader.GetString(1), []));
            }
        }

        return [.. runs.Select(r => r with { Steps = ReadSteps(connection, runId, r.Attempt) })];
    }

    private static List<StepLedgerEntry> ReadSteps(SqliteConnection connection, string runId, int attempt)
    {
        var steps = new List<StepLedgerEntry>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT step, received, emitted, computed, cache_hits FROM run_steps WHERE run_id = $run AND attempt = $attempt ORDER BY rowid";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$attempt", attempt);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            steps.Add(new StepLedgerEntry(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return steps;
    }
}
