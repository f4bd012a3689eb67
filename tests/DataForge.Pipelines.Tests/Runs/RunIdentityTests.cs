using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Runs;
using DataForge.Pipelines.Validation;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Runs;

/// <summary>The run id: a hash of the result-affecting configuration and of the seeds' content.</summary>
public sealed class RunIdentityTests : IDisposable
{
    private const string Pipeline = """
        [run]
        name = "identity"
        seed = 1

        [[steps]]
        name = "seeds"
        type = "read"
        path = "seeds"

        [[steps]]
        name = "dedup"
        type = "dedup-exact"

        [[steps]]
        name = "sample"
        type = "sample"
        fraction = 0.5

        [[steps]]
        name = "out"
        type = "write"
        """;

    private readonly TempFolder _folder = new();
    private readonly string _path;

    public RunIdentityTests()
    {
        _folder.Write("seeds/a.jsonl", "{\"instruction\":\"a\",\"output\":\"b\"}\n");
        _path = _folder.Write("pipeline.toml", Pipeline);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Compute_SameSpec_SameRunId()
    {
        // Arrange
        var first = Load();
        var second = Load();

        // Act
        var a = RunIdentity.Compute(first);
        var b = RunIdentity.Compute(second);

        // Assert
        Assert.Equal(a.RunId, b.RunId);
        Assert.Equal(a.SeedsSha256, b.SeedsSha256);
        Assert.Equal(a.Config.ToJsonString(), b.Config.ToJsonString());
    }

    [Fact]
    public void Compute_RunId_IsSixteenLowercaseHexDigits()
    {
        // Arrange
        var spec = Load();

        // Act
        var runId = RunIdentity.Compute(spec).RunId;

        // Assert
        Assert.Matches("^[0-9a-f]{16}$", runId);
    }

    [Fact]
    public void Compute_SeedChanged_RunIdChanges()
    {
        // Arrange
        var baseline = RunIdentity.Compute(Load()).RunId;

        // Act
        var changed = RunIdentity.Compute(Load("run.seed=2")).RunId;

        // Assert
        Assert.NotEqual(baseline, changed);
    }

    [Theory]
    [InlineData("steps.sample.fraction=0.25")]
    [InlineData("run.max_error_fraction=0.5")]
    [InlineData("run.limit=10")]
    [InlineData("run.name=other")]
    [InlineData("steps.seeds.max_field_bytes=1000")]
    [InlineData("steps.out.shard_rows=10")]
    public void Compute_ResultAffectingKeyChanged_RunIdChanges(string setting)
    {
        // Arrange
        var baseline = RunIdentity.Compute(Load()).RunId;

        // Act
        var changed = RunIdentity.Compute(Load(setting)).RunId;

        // Assert
        Assert.NotEqual(baseline, changed);
    }

    [Theory]
    [InlineData("run.parallelism=3")]
    [InlineData("run.capacity=7")]
    [InlineData("steps.dedup.parallelism=2")]
    [InlineData("steps.sample.capacity=9")]
    [InlineData("steps.dedup.expected_records=10")]
    public void Compute_SpeedOnlyKeyChanged_RunIdUnchanged(string setting)
    {
        // Arrange
        var baseline = RunIdentity.Compute(Load()).RunId;

        // Act
        var changed = RunIdentity.Compute(Load(setting)).RunId;

        // Assert
        Assert.Equal(baseline, changed);
    }

    [Fact]
    public void Compute_ModelIdentityChanged_RunIdChanges()
    {
        // Arrange: the same configuration, the model's weights differ.
        var spec = Load();

        // Act
        var first = RunIdentity.Compute(spec, new Dictionary<string, string> { ["m"] = "openai:x@tiny@0000000000000001" }).RunId;
        var second = RunIdentity.Compute(spec, new Dictionary<string, string> { ["m"] = "openai:x@tiny@0000000000000002" }).RunId;
        var again = RunIdentity.Compute(spec, new Dictionary<string, string> { ["m"] = "openai:x@tiny@0000000000000001" }).RunId;

        // Assert
        Assert.NotEqual(first, second);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Compute_NoModels_SameRunIdAsWithoutIdentities()
    {
        // Arrange
        var spec = Load();

        // Act + Assert
        Assert.Equal(RunIdentity.Compute(spec).RunId, RunIdentity.Compute(spec, new Dictionary<string, string>()).RunId);
    }

    [Fact]
    public void Compute_SpeedKeys_StayInResolvedConfig()
    {
        // Arrange
        var spec = Load("run.parallelism=3", "steps.dedup.capacity=9");

        // Act
        var config = RunIdentity.Compute(spec).Config;

        // Assert
        Assert.Equal(3, (int)config["run"]!["parallelism"]!);
        Assert.Equal(9, (int)config["steps"]![1]!["capacity"]!);
    }

    [Fact]
    public void Compute_SeedFileContentChanged_RunIdChanges()
    {
        // Arrange
        var before = RunIdentity.Compute(Load());
        _folder.Write("seeds/a.jsonl", "{\"instruction\":\"a\",\"output\":\"B\"}\n");

        // Act
        var after = RunIdentity.Compute(Load());

        // Assert
        Assert.NotEqual(before.SeedsSha256, after.SeedsSha256);
        Assert.NotEqual(before.RunId, after.RunId);
    }

    [Fact]
    public void Compute_SeedFileAdded_RunIdChanges()
    {
        // Arrange
        var before = RunIdentity.Compute(Load()).RunId;
        _folder.Write("seeds/b.jsonl", "{\"instruction\":\"c\",\"output\":\"d\"}\n");

        // Act
        var after = RunIdentity.Compute(Load()).RunId;

        // Assert
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Compute_HiddenFileInSeeds_RunIdUnchanged()
    {
        // Arrange
        var before = RunIdentity.Compute(Load()).RunId;
        _folder.Write("seeds/.notes", "not a seed");

        // Act
        var after = RunIdentity.Compute(Load()).RunId;

        // Assert
        Assert.Equal(before, after);
    }

    [Fact]
    public void Compute_SamePipelineInAnotherFolder_SameRunId()
    {
        // Arrange
        using var other = new TempFolder();
        other.Write("seeds/a.jsonl", File.ReadAllText(Path.Combine(_folder.Path, "seeds", "a.jsonl")));
        var otherPath = other.Write("pipeline.toml", Pipeline);

        // Act
        var here = RunIdentity.Compute(Load()).RunId;
        var there = RunIdentity.Compute(PipelineLoader.Load(otherPath, [], StepRegistry.CreateDefault()).Spec!).RunId;

        // Assert
        Assert.Equal(here, there);
    }

    [Fact]
    public void Compute_CommentOrKeyOrderChanged_RunIdUnchanged()
    {
        // Arrange
        var before = RunIdentity.Compute(Load()).RunId;
        _folder.Write("pipeline.toml", "# a comment that must not move the run\n" + Pipeline.Replace("name = \"identity\"\nseed = 1", "seed = 1\nname = \"identity\"", StringComparison.Ordinal));

        // Act
        var after = RunIdentity.Compute(Load()).RunId;

        // Assert
        Assert.Equal(before, after);
    }

    [Fact]
    public void Fingerprint_SpeedOnlyOption_LeftOut()
    {
        // Arrange
        var spec = Load();

        // Act
        var fingerprint = RunIdentity.Fingerprint(spec.Steps.Single(s => s.Name == "dedup"));

        // Assert
        Assert.Equal("{}", fingerprint);
    }

    private PipelineSpec Load(params string[] overrides)
    {
        var result = PipelineLoader.Load(_path, overrides, StepRegistry.CreateDefault());
        Assert.Empty(result.Diagnostics);
        return result.Spec!;
    }
}
