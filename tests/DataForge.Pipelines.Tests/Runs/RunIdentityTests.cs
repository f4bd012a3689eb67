using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Runs;
using DataForge.Pipelines.Validation;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Runs;

/// <summary>The run id: a hash of the result-affecting configuration and of the models' identities.</summary>
public sealed class RunIdentityTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _path;

    public RunIdentityTests()
    {
        _path = RunIdentityPipeline.Write(_folder);
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
    public void Fingerprint_SpeedOnlyOption_LeftOut()
    {
        // Arrange
        var spec = Load();

        // Act
        var fingerprint = RunIdentity.Fingerprint(spec.Steps.Single(s => s.Name == "dedup"));

        // Assert
        Assert.Equal("{}", fingerprint);
    }

    private PipelineSpec Load(params string[] overrides) => RunIdentityPipeline.Load(_path, overrides);
}
