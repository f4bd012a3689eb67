using DataForge.Testing;
using Xunit;

namespace DataForge.Review.Tests;

/// <summary>
/// The runs every test class shares, made once by the real CLI: a sample-seeds run (20 seeds), a
/// default-pipeline run (evol + lintseq, 4 seeds), a run whose one seed carries an HTML payload, and a
/// builds folder with two builds (10 and 20 seeds).
/// </summary>
public sealed class ReviewRuns : IAsyncLifetime
{
    public const string Payload = "<script>alert(1)</script>";

    private readonly TempFolder _temp = new();

    public string Sample => _temp.Combine("sample", "run");

    public string Default => _temp.Combine("default", "run");

    public string Planted => _temp.Combine("planted", "run");

    public string Builds => _temp.Combine("builds", "sample-seeds");

    public string Combine(params string[] parts) => _temp.Combine(parts);

    public async Task InitializeAsync()
    {
        var pipelines = Path.Combine(Cli.RepoRoot, "pipelines");
        await Cli.RunOkAsync("run", Path.Combine(pipelines, "sample-seeds.toml"), "--limit", "20", "--out", Sample, "--store", _temp.Combine("sample", "store.sqlite"));
        _temp.Write("planted/seeds/in.jsonl", $$"""
            {"instruction": "Explain {{Payload.Replace("\"", "\\\"", StringComparison.Ordinal)}} please", "output": "It is <b>bold</b> & \"quoted\"."}
            {"instruction": "Say hello to the reviewer", "output": "hello"}

            """.Replace("\r", "", StringComparison.Ordinal));
        _temp.Write("planted/p.toml", """
            [run]
            name = "planted"
            seed = 1

            [[steps]]
            name = "seeds"
            type = "read"
            path = "seeds"

            [[steps]]
            name = "out"
            type = "write"
            """);
        await Cli.RunOkAsync("run", _temp.Combine("planted", "p.toml"), "--out", Planted, "--store", _temp.Combine("planted", "store.sqlite"));
        await Cli.RunOkAsync("build", Path.Combine(pipelines, "sample-seeds.toml"), "--builds", _temp.Combine("builds"), "--limit", "10");
        await Task.Delay(1100);
        await Cli.RunOkAsync("build", Path.Combine(pipelines, "sample-seeds.toml"), "--builds", _temp.Combine("builds"), "--limit", "20");
        await Cli.RunOkAsync("run", Path.Combine(Cli.RepoRoot, "pipeline.toml"), "--limit", "4", "--out", Default, "--store", _temp.Combine("default", "store.sqlite"));
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class SharedRuns : ICollectionFixture<ReviewRuns>
{
    public const string Name = "review runs";
}
