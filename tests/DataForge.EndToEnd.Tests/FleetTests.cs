using System.Globalization;
using DataForge.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// pipelines/evol-instruct.toml against a fleet of three <c>dataforge serve</c> processes, one of them
/// killed mid-run and restarted on its port: the run completes with the very bytes of a run against
/// one server, and its manifest shows what the killed server cost.
/// </summary>
public sealed class FleetTests
{
    // Six seeds, two rounds of 32-token requests: about 36 requests, enough to kill a server mid-run.
    private static readonly string[] Small = ["--limit", "6", "--set", "steps.evolve.rounds=2", "--set", "steps.evolve.max_tokens=32"];

    [Fact]
    public async Task EvolInstruct_OneOfThreeServersKilledAndRestarted_SameShardsAsOneServer()
    {
        // Arrange
        using var temp = new TempFolder();
        var model = Path.Combine("models", "tiny");
        var servers = new List<ServeProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                servers.Add(await ServeProcess.StartAsync(model));
            }

            var urls = servers.Select(s => $"{s.BaseUrl.AbsoluteUri}v1").ToList();
            var single = await RunAsync(temp, "single", [urls[0]]);
            Assert.True(single.ExitCode == 0, single.ToString());

            // Act: the fleet run; once some answers are stored, kill the second server, and restart it on
            // its port once some more are.
            var store = temp.Combine("fleet.sqlite");
            var fleet = RunAsync(temp, "fleet", urls);
            await WaitForResultsAsync(store, fleet, 6);
            var port = servers[1].BaseUrl.Port;
            servers[1].Process.Kill(entireProcessTree: true);
            await servers[1].Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            var stored = await WaitForResultsAsync(store, fleet, 0);
            await WaitForResultsAsync(store, fleet, stored + 6);
            servers[1].Dispose();
            servers[1] = await ServeProcess.StartAsync(model, port);
            var result = await fleet;

            // Assert: the run finished, byte for byte the run against one server.
            Assert.True(result.ExitCode == 0, result.ToString());
            var expected = RunFolderAssert.ShardBytes(temp.Combine("single"));
            var actual = RunFolderAssert.ShardBytes(temp.Combine("fleet"));
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Keys, actual.Keys);
            Assert.All(expected, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(actual[kv.Key]), $"{kv.Key} differs"));

            // The manifest counts every server's attempts; the killed one failed and was ejected.
            using var manifest = RunFolderAssert.Manifest(temp.Combine("fleet"));
            var endpoints = manifest.RootElement.GetProperty("endpoints").GetProperty("tiny").EnumerateArray().ToList();
            Assert.Equal(urls, endpoints.Select(e => e.GetProperty("url").GetString()));
            var killed = endpoints[1];
            Assert.True(killed.GetProperty("errors").GetInt64() >= 1, killed.ToString());
            Assert.True(killed.GetProperty("ejections").GetInt64() >= 1, killed.ToString());
            Assert.All(endpoints, e => Assert.True(e.GetProperty("requests").GetInt64() >= 1, e.ToString()));
            var requests = manifest.RootElement.GetProperty("work").GetProperty("model_requests").GetInt64();
            Assert.True(endpoints.Sum(e => e.GetProperty("requests").GetInt64()) >= requests, "fewer attempts than requests");
        }
        finally
        {
            servers.ForEach(s => s.Dispose());
        }
    }

    private static Task<CliResult> RunAsync(TempFolder temp, string name, IReadOnlyList<string> urls)
    {
        var list = string.Join(", ", urls.Select(u => $"\"{u}\""));
        var text = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "pipelines", "evol-instruct.toml"))
            .Replace("backend = \"tiny\"", $"backend = \"openai\"\nurls = [{list}]\nmodel = \"tiny\"", StringComparison.Ordinal)
            .Replace("path = \"../seeds/instructions\"", $"path = \"{Path.Combine(CliRunner.RepoRoot, "seeds", "instructions")}\"", StringComparison.Ordinal);
        var pipeline = temp.Combine($"{name}.toml");
        File.WriteAllText(pipeline, text);
        return CliRunner.RunAsync(CliRunner.RepoRoot, ["run", pipeline, "--out", temp.Combine(name), "--store", temp.Combine($"{name}.sqlite"), .. Small]);
    }

    // Waits until the run store holds at least `count` results (the run commits them every 200 ms) and
    // returns how many it holds; a run that ends first fails the test. A hang guard, not a speed check.
    private static async Task<long> WaitForResultsAsync(string store, Task<CliResult> run, long count)
    {
        for (var tries = 0; ; tries++)
        {
            Assert.False(run.IsCompleted, $"the run ended before {count} results were stored: {(run.IsCompleted ? run.Result.ToString() : "")}");
            Assert.True(tries < 6000, $"fewer than {count} results stored after ten minutes");
            var stored = CountResults(store);
            if (stored >= count)
            {
                return stored;
            }

            await Task.Delay(100);
        }
    }

    private static long CountResults(string store)
    {
        if (!File.Exists(store))
        {
            return 0;
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM results";
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0; // the schema is not there yet
        }
    }
}
