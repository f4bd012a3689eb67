using DataForge.Scoring.Less;
using Xunit;

namespace DataForge.Scoring.Tests.Less;

public sealed class LessDatastoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dataforge-less-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static async IAsyncEnumerable<float[]> Rows(params float[][] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static LessCheckpointHeader Header(string key, int rows = 2) => new(key, 1, rows, 2, "m@1", 5, 1e-3, "settings");

    [Fact]
    public async Task WriteAsync_ThenOpenAndRead_GivesTheRowsBack()
    {
        // Arrange
        var key = LessDatastore.ComputeKey("settings", ["a", "b"]);
        var store = new LessDatastore(_root, key);

        // Act
        await store.WriteAsync(Header(key), Rows([0.6f, 0.8f], [0f, -1f]), CancellationToken.None);
        var header = store.TryOpen(1, 2, 2);
        var scorer = new LessScorer(2, 1);
        scorer.BeginCheckpoint(1, [[1f, 0f]]);
        await store.ReadIntoAsync(1, 2, scorer, CancellationToken.None);

        // Assert
        Assert.Equal(Header(key), header);
        Assert.Equal(16, new FileInfo(Path.Combine(store.Folder, "checkpoint-1.f32")).Length);
        Assert.Equal([0.6, 0.0], scorer.Scores().Select(s => Math.Round(s!.Value.Score, 6)));
        Assert.Equal(["checkpoint-1.f32", "checkpoint-1.json"], Directory.GetFiles(store.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TryOpen_OtherKeyShapeOrTruncatedMatrix_IsNull()
    {
        // Arrange
        var key = LessDatastore.ComputeKey("settings", ["a"]);
        var store = new LessDatastore(_root, key);
        await store.WriteAsync(Header(key), Rows([1f, 0f], [0f, 1f]), CancellationToken.None);

        // Act / Assert
        Assert.Null(store.TryOpen(2, 2, 2));
        Assert.Null(store.TryOpen(1, 3, 2));
        Assert.Null(store.TryOpen(1, 2, 4));
        var sameFolderOtherKey = new LessDatastore(_root, key[..16] + new string('0', key.Length - 16));
        Assert.Null(sameFolderOtherKey.TryOpen(1, 2, 2));
        using (var matrix = File.OpenWrite(Path.Combine(store.Folder, "checkpoint-1.f32")))
        {
            matrix.SetLength(12);
        }

        Assert.Null(store.TryOpen(1, 2, 2));
    }

    [Fact]
    public async Task WriteAsync_WrongRowCount_ThrowsAndLeavesNothing()
    {
        // Arrange
        var key = LessDatastore.ComputeKey("s", []);
        var store = new LessDatastore(_root, key);

        // Act / Assert
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync(Header(key, rows: 3), Rows([1f, 0f]), CancellationToken.None));
        Assert.Empty(Directory.GetFiles(store.Folder));
        Assert.Null(store.TryOpen(1, 3, 2));
    }

    [Fact]
    public void ComputeKey_DependsOnSettingsAndCandidatesInOrder()
    {
        var key = LessDatastore.ComputeKey("s", ["a", "b"]);
        Assert.Equal(key, LessDatastore.ComputeKey("s", ["a", "b"]));
        Assert.NotEqual(key, LessDatastore.ComputeKey("s", ["b", "a"]));
        Assert.NotEqual(key, LessDatastore.ComputeKey("t", ["a", "b"]));
        Assert.NotEqual(LessDatastore.ComputeKey("s", ["ab"]), LessDatastore.ComputeKey("s", ["a", "b"]));
    }
}
