using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;
using DataForge.Storage.Store;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// A model behind <c>dataforge serve</c> is known by the weights it serves (the server's identity, else
/// the <c>revision</c> key), not by its name: other weights make another run and recompute; <c>--refresh</c>
/// recomputes on demand.
/// </summary>
public sealed class ServedModelIdentityTests
{
    [Fact]
    public async Task OtherWeightsServedUnderTheSameName_NewRunIdAndEverythingRecomputed()
    {
        // Arrange: models/tiny, then models/tiny-medium, each served from a folder named "x" on the same port.
        using var temp = new TempFolder();
        TempFolder.CopyModel("tiny", temp.Combine("a", "x"));
        TempFolder.CopyModel("tiny-medium", temp.Combine("b", "x"));
        await WriteInputsAsync(temp);
        var port = FreePort();

        // Act
        var first = await ServeAsync(temp.Combine("a", "x"), true, url => RunAsync(temp, url, "run-a", []), port);
        var second = await ServeAsync(temp.Combine("b", "x"), true, url => RunAsync(temp, url, "run-b", []), port);

        // Assert
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal("server", first.IdentitySource);
        Assert.NotEqual(first.ModelId, second.ModelId);
        Assert.Equal(3, second.Computed);
    }

    [Fact]
    public async Task RevisionChanged_NewRunIdAndEverythingRecomputed()
    {
        // Arrange: one server, so only the revision differs.
        using var temp = new TempFolder();
        await WriteInputsAsync(temp);
        var model = Path.Combine(CliRunner.RepoRoot, "models", "tiny");

        // Act
        var (first, second) = await ServeAsync(model, false, async url => (
            await RunAsync(temp, url, "run-1", ["--set", "models.m.revision=v1"]),
            await RunAsync(temp, url, "run-2", ["--set", "models.m.revision=v2"])));

        // Assert
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(3, second.Computed);
        Assert.Equal(0, second.CacheHits);
        Assert.True(second.IdentitySource is "revision" or "server", second.IdentitySource);
        Assert.True(second.IdentitySource == "server" || second.ModelId.EndsWith("@v2", StringComparison.Ordinal), second.ModelId);
    }

    [Fact]
    public async Task Refresh_RecomputesEveryResultOfTheStepsThatUseTheModel()
    {
        // Arrange
        using var temp = new TempFolder();
        await WriteInputsAsync(temp);
        var model = Path.Combine(CliRunner.RepoRoot, "models", "tiny");

        // Act: the same run three times: computed, then all from the store, then with --refresh m.
        var (first, cached, refreshed) = await ServeAsync(model, false, async url => (
            await RunAsync(temp, url, "run", []),
            await RunAsync(temp, url, "run", ["--force"]),
            await RunAsync(temp, url, "run", ["--refresh", "m"])));

        // Assert
        Assert.Equal(first.RunId, refreshed.RunId);
        Assert.Equal((0L, 3L), (cached.Computed, cached.CacheHits));
        Assert.Equal((3L, 0L), (refreshed.Computed, refreshed.CacheHits));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<T> ServeAsync<T>(string modelFolder, bool requireServerIdentity, Func<string, Task<T>> body, int port = 0)
    {
        using var server = Process.Start(CliRunner.StartInfo(CliRunner.RepoRoot, "serve", modelFolder, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
        try
        {
            var first = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3));
            var url = first!["listening on ".Length..] + "/v1";
            if (requireServerIdentity)
            {
                using var http = new HttpClient();
                var models = await http.GetStringAsync(new Uri(url + "/models"));
                Assert.Contains("dataforge_identity", models, StringComparison.Ordinal);
            }

            return await body(url);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    private static async Task<Outcome> RunAsync(TempFolder temp, string url, string runFolder, string[] extra)
    {
        await File.WriteAllTextAsync(temp.Combine("p.toml"), Pipeline(url));
        var result = await CliRunner.RunAsync(temp.Path, ["run", "p.toml", "--out", temp.Combine(runFolder), "--store", temp.Combine("store.sqlite"), .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return await OutcomeAsync(temp, runFolder);
    }

    private static async Task<Outcome> OutcomeAsync(TempFolder temp, string runFolder)
    {
        using var manifest = RunFolderAssert.Manifest(temp.Combine(runFolder));
        var runId = manifest.RootElement.GetProperty("run_id").GetString()!;
        var model = manifest.RootElement.GetProperty("models")[0];
        await using var store = RunStore.Open(temp.Combine("store.sqlite"));
        var score = store.ReadLedger(runId)[^1].Steps.Single(s => s.Step == "score");
        var source = model.TryGetProperty("identity_source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
        return new Outcome(runId, model.GetProperty("id").GetString()!, source, score.Computed, score.CacheHits);
    }

    private static async Task WriteInputsAsync(TempFolder temp)
    {
        Directory.CreateDirectory(temp.Combine("in"));
        await File.WriteAllLinesAsync(temp.Combine("in", "a.jsonl"),
        [
            "{\"instruction\": \"Add two and two.\", \"output\": \"Four.\"}",
            "{\"instruction\": \"Name a colour.\", \"output\": \"Blue.\"}",
            "{\"instruction\": \"Reverse the word cat.\", \"output\": \"tac\"}",
        ]);
    }

    private static string Pipeline(string url) => $$"""
        [models.m]
        backend = "openai"
        urls = ["{{url}}"]
        model = "x"

        [[steps]]
        name = "seeds"
        type = "read"
        path = "in"

        [[steps]]
        name = "score"
        type = "score-ifd"
        model = "m"
        metric = "ic_ifd"

        [[steps]]
        name = "out"
        type = "write"
        """;

    private sealed record Outcome(string RunId, string ModelId, string IdentitySource, long Computed, long CacheHits);
}
