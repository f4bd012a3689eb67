using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests.Partitions;

/// <summary><c>dataforge merge</c> refuses partitions that do not make one whole run, naming each problem, and writes nothing.</summary>
public sealed class MergeRefusalTests : IClassFixture<MergeRefusalTests.Parts>
{
    private readonly Parts _parts;

    public MergeRefusalTests(Parts parts) => _parts = parts;

    [Fact]
    public async Task Merge_AMissingPartition_IsRefusedNamingIt()
    {
        // Act
        var result = await MergeAsync(_parts.Folder(0), _parts.Folder(2));

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("missing partition 1 of 3", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_parts.Out), "a refused merge wrote a run folder");
    }

    [Fact]
    public async Task Merge_APartitionGivenTwice_IsRefusedNamingIt()
    {
        // Act
        var result = await MergeAsync(_parts.Folder(0), _parts.Folder(1), _parts.Folder(2), _parts.Copy(1));

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("partition 1/3 given 2 times", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_APartitionOfAnotherConfiguration_IsRefusedNamingIt()
    {
        // Act: the foreign partition ran with --limit 3, the merge is asked for --limit 2.
        var result = await MergeAsync(_parts.Folder(0), _parts.Folder(1), _parts.Foreign);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{_parts.Foreign}: partition 2/3 of another run", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("missing partition 2 of 3", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_AnUnfinishedPartition_IsRefusedNamingIt()
    {
        // Act
        var result = await MergeAsync(_parts.Folder(0), _parts.Folder(1), _parts.Empty);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{_parts.Empty}: not a finished partition", result.Stderr, StringComparison.Ordinal);
    }

    private Task<CliResult> MergeAsync(params string[] folders)
        => CliRunner.RunAsync(CliRunner.RepoRoot, ["merge", "pipelines/lintseq.toml", .. folders, "--limit", "2", "--out", _parts.Out]);

    /// <summary>Three partitions of the LintSeq pipeline (--limit 2), a copy of one, a foreign one (--limit 3) and an empty folder.</summary>
    public sealed class Parts : IAsyncLifetime
    {
        private readonly TempFolder _temp = new();

        public string Out => _temp.Combine("merged");

        public string Foreign => _temp.Combine("foreign-2");

        public string Empty => _temp.Combine("empty");

        public string Folder(int index) => _temp.Combine($"part-{index}");

        public string Copy(int index)
        {
            var copy = _temp.Combine($"copy-{index}");
            if (!Directory.Exists(copy))
            {
                Directory.CreateDirectory(copy);
                foreach (var file in Directory.EnumerateFiles(Folder(index), "*", SearchOption.AllDirectories))
                {
                    var target = Path.Combine(copy, Path.GetRelativePath(Folder(index), file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target);
                }
            }

            return copy;
        }

        public async Task InitializeAsync()
        {
            for (var i = 0; i < 3; i++)
            {
                await PartitionRuns.PartitionAsync("pipelines/lintseq.toml", i, 3, Folder(i), "--limit", "2");
            }

            await PartitionRuns.PartitionAsync("pipelines/lintseq.toml", 2, 3, Foreign, "--limit", "3");
            Directory.CreateDirectory(Empty);
        }

        public Task DisposeAsync()
        {
            _temp.Dispose();
            return Task.CompletedTask;
        }
    }
}
