using DataForge.Storage.Store;
using Microsoft.Data.Sqlite;
using Xunit;

namespace DataForge.Storage.Tests.Store;

/// <summary>Attempts that never recorded their end are marked <c>crashed</c> by the next attempt of the same run folder, and only those.</summary>
public sealed class RunLedgerCrashTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("dataforge-ledger-").FullName;

    private string StorePath => Path.Combine(_folder, "store.sqlite");

    [Fact]
    public async Task MarkCrashed_MarksStaleAttemptsOfThatFolder_NotALiveAttemptBuildingAnotherFolder()
    {
        // Arrange: a killed attempt into folder a; a live attempt of the same run id into folder b (same store).
        await using var store = RunStore.Open(StorePath);
        store.BeginRun("id", "p", Now, "/runs/a");
        store.BeginRun("id", "p", Now, "/runs/b");

        // Act: a new attempt into a, holding a's lock.
        var marked = store.MarkCrashed("id", "/runs/a");

        // Assert
        Assert.Equal(1, marked);
        Assert.Equal(["crashed", "running"], store.ReadLedger("id").Select(a => a.Status));
    }

    [Fact]
    public async Task MarkCrashed_StoreFromBeforeRunFolders_MarksItsRunningAttempts()
    {
        // Arrange: a ledger row written by an older version (no run_dir column).
        using (var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE runs (run_id TEXT NOT NULL, attempt INTEGER NOT NULL, pipeline TEXT NOT NULL,
                    started_utc TEXT NOT NULL, finished_utc TEXT, status TEXT NOT NULL, PRIMARY KEY (run_id, attempt));
                INSERT INTO runs VALUES ('id', 1, 'p', '2026-01-01T00:00:00Z', NULL, 'running');
                """;
            command.ExecuteNonQuery();
        }

        // Act
        await using var store = RunStore.Open(StorePath);
        var marked = store.MarkCrashed("id", "/runs/a");
        var attempt = store.BeginRun("id", "p", Now, "/runs/a");

        // Assert
        Assert.Equal(1, marked);
        Assert.Equal(2, attempt);
        Assert.Equal(["crashed", "running"], store.ReadLedger("id").Select(a => a.Status));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
