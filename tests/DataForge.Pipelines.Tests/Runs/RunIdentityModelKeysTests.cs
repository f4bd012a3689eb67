using DataForge.Pipelines.Runs;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Runs;

/// <summary>
/// A model's keys in the run id: where its servers are and how hard to try change no result, so a
/// pipeline against one server or a fleet is the same run; which model is asked is part of it.
/// </summary>
public sealed class RunIdentityModelKeysTests : IDisposable
{
    private const string OneServer = """
        urls = ["http://127.0.0.1:8000/v1"]
        model = "x"
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("urls = [\"http://10.0.0.5:8000/v1\", \"http://10.0.0.6:8000/v1\", \"http://10.0.0.7:8000/v1\"]\nmodel = \"x\"")]
    [InlineData("urls = [\"http://127.0.0.1:8000/v1\"]\nmodel = \"x\"\nconcurrency = 16\ntimeout_seconds = 600\nmax_retries = 9")]
    [InlineData("urls = [\"http://127.0.0.1:8000/v1\"]\nmodel = \"x\"\neject_after_failures = 1\nejection_seconds = 0.5\nmax_ejection_seconds = 5")]
    public void Compute_FleetOrSpeedKeysChanged_RunIdUnchanged(string modelKeys)
    {
        // Arrange
        var baseline = RunIdentity.Compute(Load("one", OneServer)).RunId;

        // Act
        var fleet = RunIdentity.Compute(Load("fleet", modelKeys));

        // Assert
        Assert.Equal(baseline, fleet.RunId);
        Assert.NotNull(fleet.Config["models"]!["m"]!["urls"]); // still recorded in the resolved configuration
    }

    [Fact]
    public void Compute_ModelNameChanged_RunIdChanges()
    {
        // Arrange
        var baseline = RunIdentity.Compute(Load("one", OneServer)).RunId;

        // Act
        var other = RunIdentity.Compute(Load("other", OneServer.Replace("model = \"x\"", "model = \"y\"", StringComparison.Ordinal))).RunId;

        // Assert
        Assert.NotEqual(baseline, other);
    }

    private Pipelines.Validation.PipelineSpec Load(string name, string modelKeys)
    {
        var path = RunIdentityPipeline.Write(_folder);
        var text = File.ReadAllText(path);
        var steps = text.IndexOf("[[steps]]", StringComparison.Ordinal);
        text = $"{text[..steps]}[models.m]\nbackend = \"openai\"\n{modelKeys}\n\n{text[steps..]}";
        return RunIdentityPipeline.Load(_folder.Write($"{name}.toml", text));
    }
}
