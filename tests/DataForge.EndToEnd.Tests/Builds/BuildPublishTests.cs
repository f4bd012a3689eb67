using System.Security.Cryptography;
using System.Text.Json;
using Xunit;

namespace DataForge.EndToEnd.Tests.Builds;

/// <summary>Builds are published whole (a reader of <c>latest</c> never sees a partial build), kept to <c>--keep</c>, and not repeated when nothing is new.</summary>
public sealed class BuildPublishTests
{
    [Fact]
    public async Task Latest_PolledThroughThreeBuilds_AlwaysNamesACompleteBuild()
    {
        // Arrange: a first build, then a reader polling latest as fast as it can.
        using var workspace = BuildWorkspace.SampleSeeds();
        Assert.Equal(0, (await workspace.BuildAsync("sample-seeds.toml", "--limit", "20")).ExitCode);
        var latest = Path.Combine(workspace.PipelineBuilds("sample-seeds"), "latest");
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() => Poll(latest, stop.Token));

        // Act: three more builds, each with other inputs.
        var results = new List<CliResult>();
        foreach (var limit in new[] { "21", "22", "23" })
        {
            results.Add(await workspace.BuildAsync("sample-seeds.toml", "--limit", limit));
        }

        await stop.CancelAsync();
        var (reads, problems, seen) = await reader;

        // Assert: every read saw a complete build whose manifest lists exactly its files, with their sha256.
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Empty(problems);
        Assert.True(reads >= 20, $"only {reads} reads");
        Assert.True(seen.Count >= 2, $"the reader saw {seen.Count} builds");
        Assert.Equal(4, workspace.Published("sample-seeds").Count);
    }

    [Fact]
    public async Task Build_KeepTwoAfterFiveBuilds_LeavesExactlyTwoAndNothingStray()
    {
        // Arrange
        using var workspace = BuildWorkspace.SampleSeeds();

        // Act: five builds with other inputs each.
        for (var limit = 20; limit < 25; limit++)
        {
            var result = await workspace.BuildAsync("sample-seeds.toml", "--limit", $"{limit}", "--keep", "2");
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        // Assert: the two newest builds, latest naming the newest, the store and the lock guard; nothing else.
        var folder = workspace.PipelineBuilds("sample-seeds");
        var builds = workspace.Published("sample-seeds");
        Assert.Equal(2, builds.Count);
        var expected = builds.Select(Path.GetFileName).Concat(["latest", "runstore.sqlite", ".build.guard"]).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Path.GetFileName(builds[^1]), new FileInfo(Path.Combine(folder, "latest")).LinkTarget);
        var list = await CliRunner.RunAsync(workspace.Path, "builds", "list", workspace.Builds);
        Assert.Equal(2, list.Stdout.Split('\n').Count(l => l.StartsWith("sample-seeds ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Build_NothingNew_PublishesNothingAndSaysSo()
    {
        // Arrange
        using var workspace = BuildWorkspace.SampleSeeds();
        var first = await workspace.BuildAsync("sample-seeds.toml", "--limit", "20");

        // Act
        var again = await workspace.BuildAsync("sample-seeds.toml", "--limit", "20", "--notify", "echo \"$DATAFORGE_BUILD_STATUS $DATAFORGE_BUILD_ID\" > notified.txt");

        // Assert: exit 0, status unchanged, the same build named, one build on disk, the notify command told.
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("unchanged", BuildWorkspace.SummaryField(again, "status"));
        Assert.Equal(BuildWorkspace.SummaryField(first, "build"), BuildWorkspace.SummaryField(again, "build"));
        Assert.Single(workspace.Published("sample-seeds"));
        Assert.Equal($"unchanged {BuildWorkspace.SummaryField(first, "build")}", File.ReadAllText(workspace.Combine("notified.txt")).Trim());
    }

    // Resolves latest once per read, then checks the manifest against the folder's files.
    private static (int Reads, List<string> Problems, HashSet<string> Seen) Poll(string latest, CancellationToken stop)
    {
        var reads = 0;
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!stop.IsCancellationRequested)
        {
            reads++;
            if (new FileInfo(latest).LinkTarget is not { } target)
            {
                problems.Add("latest is missing");
                continue;
            }

            var build = Path.Combine(Path.GetDirectoryName(latest)!, target);
            seen.Add(target);
            try
            {
                using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(build, "manifest.json")));
                var listed = manifest.RootElement.GetProperty("shards").EnumerateArray()
                    .ToDictionary(s => s.GetProperty("path").GetString()!, s => s.GetProperty("sha256").GetString()!, StringComparer.Ordinal);
                var present = Directory.GetFiles(build, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(build, f).Replace('\\', '/'))
                    .Where(f => f is not ("manifest.json" or "README.md")).Order(StringComparer.Ordinal).ToList();
                if (!File.Exists(Path.Combine(build, "README.md")))
                {
                    problems.Add($"{target}: no README.md");
                }

                if (!present.SequenceEqual(listed.Keys.Order(StringComparer.Ordinal)))
                {
                    problems.Add($"{target}: files {string.Join(",", present)} but the manifest lists {string.Join(",", listed.Keys)}");
                }

                foreach (var (path, sha) in listed.Where(l => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(build, l.Key)))) != l.Value))
                {
                    problems.Add($"{target}/{path}: sha256 differs from the manifest");
                }
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                problems.Add($"{target}: {e.GetType().Name}: {e.Message}");
            }
        }

        return (reads, problems, seen);
    }
}
