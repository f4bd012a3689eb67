using DataForge.Core.Diagnostics;
using System.Text;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Tests.TestKit;
using DataForge.Pipelines.Validation;
using Xunit;

namespace DataForge.Pipelines.Tests.Validation;

/// <summary>
/// Golden diagnostics: every <c>Data/Diagnostics/NAME.toml</c> is loaded and the diagnostics
/// (<c>Diagnostic.ToString()</c>, one per line) must equal <c>NAME.expected</c> beside it.
/// </summary>
/// <remarks>
/// <para>
/// A case file may start with comment lines that set up the load:
/// <c># --set KEY=VALUE</c> adds a command-line override (in order), and
/// <c># --registry with-model-step</c> loads with <see cref="TestRegistry.WithModelStep"/>
/// (the default registry plus a step type with a model reference). A <c>NAME.expected</c>
/// without a <c>NAME.toml</c> is the "pipeline file not found" case.
/// </para>
/// <para>
/// Files are loaded by the relative path <c>Data/Diagnostics/NAME.toml</c> from the test output
/// folder, so no machine-specific path can reach a golden file.
/// </para>
/// <para>
/// To regenerate the goldens after an intended change to a message or a new case, run
/// <c>DATAFORGE_UPDATE_GOLDENS=1 dotnet test tests/DataForge.Pipelines.Tests</c>: the
/// <c>.expected</c> files are then written into this project's source <c>Data/Diagnostics/</c>
/// folder instead of compared. Read the diff before committing it.
/// </para>
/// </remarks>
public sealed class PipelineLoaderDiagnosticsTests
{
    private const string CaseFolder = "Data/Diagnostics";

    public PipelineLoaderDiagnosticsTests()
    {
        // Every test in this assembly that depends on the current folder sets this same value.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
    }

    public static TheoryData<string> Cases()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, CaseFolder);
        var names = Directory.EnumerateFiles(folder, "*.toml")
            .Concat(Directory.EnumerateFiles(folder, "*.expected"))
            .Select(Path.GetFileNameWithoutExtension)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_CaseFile_MatchesGolden(string name)
    {
        // Arrange
        var path = $"{CaseFolder}/{name}.toml";
        var (overrides, registry) = ReadSetup(path);

        // Act
        var result = PipelineLoader.Load(path, overrides, registry);
        var actual = Render(result);

        // Assert
        Assert.DoesNotContain(AppContext.BaseDirectory.TrimEnd('/', '\\'), actual, StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("DATAFORGE_UPDATE_GOLDENS") == "1")
        {
            File.WriteAllText(Path.Combine(RepoPaths.TestProject, CaseFolder, name + ".expected"), actual);
            return;
        }

        var expected = File.ReadAllText($"{CaseFolder}/{name}.expected").ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Cases_CoverEveryDiagnosticCode()
    {
        // Arrange
        var codes = typeof(DiagnosticCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();
        var folder = Path.Combine(AppContext.BaseDirectory, CaseFolder);

        // Act
        var verdicts = Path.Combine(AppContext.BaseDirectory, "Data", "Verdicts"); // DF1021: see VerdictFileDiagnosticsTests
        var goldens = string.Concat(Directory.EnumerateFiles(folder, "*.expected").Concat(Directory.EnumerateFiles(verdicts, "*.expected")).Select(File.ReadAllText));

        // Assert
        Assert.All(codes, code => Assert.Contains($" {code}: ", goldens, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ManyMistakes_ReportsEveryOneInOnePass()
    {
        // Arrange
        var path = $"{CaseFolder}/many-mistakes.toml";

        // Act
        var result = PipelineLoader.Load(path, [], StepRegistry.CreateDefault());

        // Assert
        Assert.Null(result.Spec);
        var codes = result.Diagnostics.Where(d => !d.IsWarning).Select(d => d.Code).Distinct().ToList();
        Assert.True(codes.Count >= 8, $"expected at least 8 different error codes, got {string.Join(", ", codes)}");
        Assert.True(result.Diagnostics.Count >= 12, $"expected at least 12 diagnostics, got {result.Diagnostics.Count}");
    }

    private static string Render(LoadResult result)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in result.Diagnostics)
        {
            text.Append(diagnostic.ToString()).Append('\n');
        }

        return text.ToString();
    }

    private static (List<string> Overrides, StepRegistry Registry) ReadSetup(string path)
    {
        var overrides = new List<string>();
        var registry = StepRegistry.CreateDefault();
        if (!File.Exists(path))
        {
            return (overrides, registry);
        }

        foreach (var line in File.ReadLines(path).TakeWhile(l => l.StartsWith('#')))
        {
            if (line.StartsWith("# --set ", StringComparison.Ordinal))
            {
                overrides.Add(line["# --set ".Length..]);
            }
            else if (line == "# --registry with-model-step")
            {
                registry = TestRegistry.WithModelStep();
            }
        }

        return (overrides, registry);
    }
}
