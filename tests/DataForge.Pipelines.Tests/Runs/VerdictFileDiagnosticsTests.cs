using DataForge.Core.Diagnostics;
using DataForge.Storage.Review;
using DataForge.Pipelines.Tests.TestKit;
using Xunit;

namespace DataForge.Pipelines.Tests.Runs;

/// <summary>
/// Golden diagnostics of a malformed review verdicts file: <c>Data/Verdicts/NAME.jsonl</c> read as
/// <c>--verdicts</c> reads it must report exactly <c>NAME.expected</c> (regenerate as the pipeline goldens,
/// with <c>DATAFORGE_UPDATE_GOLDENS=1</c>).
/// </summary>
public sealed class VerdictFileDiagnosticsTests
{
    private const string CaseFolder = "Data/Verdicts";

    public VerdictFileDiagnosticsTests()
    {
        // Every test in this assembly that depends on the current folder sets this same value.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
    }

    [Fact]
    public void Read_MalformedLines_ReportsEveryOneWithItsLine()
    {
        // Arrange
        const string name = "malformed";

        // Act
        var error = Assert.Throws<DataForgeConfigException>(() => VerdictFile.Read($"{CaseFolder}/{name}.jsonl"));
        var actual = string.Concat(error.Diagnostics.Select(d => d + "\n"));

        // Assert
        if (Environment.GetEnvironmentVariable("DATAFORGE_UPDATE_GOLDENS") == "1")
        {
            File.WriteAllText(Path.Combine(RepoPaths.TestProject, CaseFolder, name + ".expected"), actual);
            return;
        }

        Assert.Equal(File.ReadAllText($"{CaseFolder}/{name}.expected").ReplaceLineEndings("\n"), actual);
        Assert.All(error.Diagnostics, d => Assert.Equal(DiagnosticCodes.BadVerdict, d.Code));
    }
}
