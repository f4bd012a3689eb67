using DataForge.Core.Diagnostics;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Validation;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Validation;

/// <summary><c>--set KEY=VALUE</c> overrides: typed against the key's definition, reported as DF1013 when they do not fit.</summary>
public sealed class OverrideTests : IDisposable
{
    private const string Pipeline = """
        [run]
        seed = 1

        [models.fleet]
        backend = "openai"
        urls = ["http://127.0.0.1:8000/v1"]
        model = "m"

        [[steps]]
        name = "a"
        type = "read"
        path = "seeds/a.jsonl"

        [[steps]]
        name = "b"
        type = "read"
        path = "seeds/b.jsonl"

        [[steps]]
        name = "dedup"
        type = "dedup-exact"
        input = ["a", "b"]

        [[steps]]
        name = "sample"
        type = "sample"

        [[steps]]
        name = "out"
        type = "write"
        """;

    private readonly TempFolder _folder = new();
    private readonly string _path;

    public OverrideTests()
    {
        _folder.Write("seeds/a.jsonl", "{\"instruction\":\"a\",\"output\":\"b\"}\n");
        _folder.Write("seeds/b.jsonl", "{\"instruction\":\"c\",\"output\":\"d\"}\n");
        _path = _folder.Write("pipeline.toml", Pipeline);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_NoOverride_Baseline()
    {
        // Arrange, Act
        var result = Load();

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal(1, result.Spec!.Run.Seed);
    }

    [Fact]
    public void Load_RunSeed_ChangesSeed()
    {
        // Arrange, Act
        var result = Load("run.seed=5");

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal(5, result.Spec!.Run.Seed);
    }

    [Fact]
    public void Load_RunKeyWithoutRunTable_CreatesIt()
    {
        // Arrange
        _folder.Write("pipeline.toml", Pipeline.Replace("[run]\nseed = 1\n", "", StringComparison.Ordinal));

        // Act
        var result = Load("run.seed=7");

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal(7, result.Spec!.Run.Seed);
    }

    [Fact]
    public void Load_StepInteger_ChangesOption()
    {
        // Arrange, Act
        var result = Load("steps.dedup.expected_records=10");

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal(10, Step(result, "dedup").Options.GetInteger("expected_records"));
    }

    [Fact]
    public void Load_FloatKeyGivenInteger_Accepted()
    {
        // Arrange, Act
        var result = Load("steps.sample.fraction=1", "run.max_error_fraction=0.05");

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal(1.0, Step(result, "sample").Options.GetFloat("fraction"));
        Assert.Equal(0.05, result.Spec!.Run.MaxErrorFraction);
    }

    [Fact]
    public void Load_InputList_SetsInputsInOrder()
    {
        // Arrange, Act
        var result = Load("steps.dedup.input=[\"b\",\"a\"]");

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["b", "a"], Step(result, "dedup").Inputs);
    }

    [Fact]
    public void Load_InputBareName_IsOneInput()
    {
        // Arrange, Act
        var result = Load("steps.out.input=dedup");

        // Assert
        Assert.Empty(Errors(result));
        Assert.Equal(["dedup"], Step(result, "out").Inputs);
    }

    [Fact]
    public void Load_InputNamingNoStep_ReportedAsBadOverride()
    {
        // Arrange, Act
        var result = Load("steps.dedup.input=[\"a\",\"bb\"]");

        // Assert
        Assert.Null(result.Spec);
        var diagnostic = Assert.Single(Errors(result));
        Assert.Equal("--set: error DF1013: steps.dedup.input=[\"a\",\"bb\"]: step 'dedup' reads 'bb', but no step has that name (did you mean 'b'?)", diagnostic.ToString());
    }

    [Fact]
    public void Load_StringKeyGivenNumberText_TakesTheText()
    {
        // Arrange, Act
        var result = Load("run.name=2024");

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal("2024", result.Spec!.Run.Name);
    }

    [Fact]
    public void Load_QuotedString_Unquoted()
    {
        // Arrange, Act
        var result = Load("run.name=\"nightly run\"");

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal("nightly run", result.Spec!.Run.Name);
    }

    [Fact]
    public void Load_ModelKeys_Changed()
    {
        // Arrange, Act
        var result = Load("models.fleet.timeout_seconds=30", "models.fleet.urls=[\"http://a/v1\",\"http://b/v1\"]");

        // Assert
        Assert.Empty(result.Diagnostics);
        var model = result.Spec!.Models["fleet"];
        Assert.Equal(30, model.Options.GetInteger("timeout_seconds"));
        Assert.Equal(["http://a/v1", "http://b/v1"], model.Options.GetStringList("urls"));
    }

    [Fact]
    public void Load_LaterOverrideOfSameKey_Wins()
    {
        // Arrange, Act
        var result = Load("run.seed=5", "run.seed=6");

        // Assert
        Assert.Equal(6, result.Spec!.Run.Seed);
    }

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

    private static List<Diagnostic> Errors(LoadResult result) => [.. result.Diagnostics.Where(d => !d.IsWarning)];

    private static StepSpec Step(LoadResult result, string name)
    {
        Assert.NotNull(result.Spec);
        return Assert.Single(result.Spec.Steps, s => s.Name == name);
    }
}
