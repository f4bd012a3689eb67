using DataForge.Core.Diagnostics;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Validation;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Validation;

/// <summary><c>--set KEY=VALUE</c> overrides that do not fit their key, name nothing, or touch a fixed key: reported as DF1013.</summary>
public sealed class OverrideErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _path;

    public OverrideErrorTests()
    {
        _path = OverridePipeline.Write(_folder);
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("run.seed=abc", "'seed' expects an integer, got a string")]
    [InlineData("run.seed=1.5", "'seed' expects an integer, got a float")]
    [InlineData("run.seed=-1", "'seed' must be at least 0, got -1")]
    [InlineData("run.max_error_fraction=lots", "'max_error_fraction' expects a number, got a string")]
    [InlineData("run.max_error_fraction=nan", "'max_error_fraction' must be between 0 and 1, got NaN")]
    [InlineData("steps.dedup.expected_records=true", "'expected_records' expects an integer, got a boolean")]
    [InlineData("steps.sample.fraction=2", "'fraction' must be between 0 and 1, got 2")]
    [InlineData("steps.out.input=5", "'input' expects a string or an array of strings, got an integer")]
    [InlineData("steps.a.path=missing", "'path': no file or folder 'missing' (paths are relative to the pipeline file's folder)")]
    [InlineData("steps.dedup.expected_record=5", "unknown key 'expected_record' in step 'dedup' (dedup-exact) (did you mean 'expected_records'?)")]
    [InlineData("models.fleet.timeout_second=5", "unknown key 'timeout_second' in [models.fleet] (backend 'openai') (did you mean 'timeout_seconds'?)")]
    public void Load_ValueNotFittingKey_ReportsBadOverride(string text, string message)
    {
        // Arrange, Act
        var result = Load(text);

        // Assert
        Assert.Null(result.Spec);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal($"--set: error DF1013: {text}: {message}", diagnostic.ToString());
    }

    [Theory]
    [InlineData("steps.nope.fraction=0.5")]
    [InlineData("models.nope.path=x")]
    [InlineData("seed=3")]
    [InlineData("run.seed")]
    [InlineData("=3")]
    [InlineData("steps.dedup=3")]
    public void Load_OverrideNamingNothing_ReportsBadOverride(string text)
    {
        // Arrange, Act
        var result = Load(text);

        // Assert
        Assert.Null(result.Spec);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.BadOverride, diagnostic.Code);
        Assert.Equal("--set", diagnostic.File);
        Assert.StartsWith($"{text}: expected run.KEY=VALUE", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("steps.dedup.type=sample")]
    [InlineData("steps.dedup.name=other")]
    [InlineData("models.fleet.backend=tiny")]
    public void Load_OverrideOfTypeNameOrBackend_Rejected(string text)
    {
        // Arrange, Act
        var result = Load(text);

        // Assert
        Assert.Null(result.Spec);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.BadOverride, diagnostic.Code);
        Assert.Contains("cannot be overridden", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralBadOverrides_AllReported()
    {
        // Arrange, Act
        var result = Load("run.seed=abc", "steps.nope.x=1", "steps.sample.fraction=-1", "run.seed2=1");

        // Assert
        Assert.Equal(4, result.Diagnostics.Count(d => d.Code == DiagnosticCodes.BadOverride));
    }

    private LoadResult Load(params string[] overrides) => PipelineLoader.Load(_path, overrides, StepRegistry.CreateDefault());
}
