using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Runs;
using DataForge.Pipelines.Validation;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Runs;

/// <summary>The run id follows the seeds' content and the pipeline's meaning, not its file's layout or folder.</summary>
public sealed class RunIdentityInputTests : IDisposable
{
    private const string Pipeline = RunIdentityPipeline.Pipeline;

    private readonly TempFolder _folder = new();
    private readonly string _path;

    public RunIdentityInputTests()
    {
        _path = RunIdentityPipeline.Write(_folder);
    }

    public void Dispose() => _folder.Dispose();

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

    private PipelineSpec Load(params string[] overrides) => RunIdentityPipeline.Load(_path, overrides);
}
