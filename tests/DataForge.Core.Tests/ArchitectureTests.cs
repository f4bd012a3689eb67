using System.Xml.Linq;
using Xunit;

namespace DataForge.Core.Tests;

/// <summary>The project-reference rules of docs/architecture.md, read from every <c>src/*/*.csproj</c>.</summary>
public sealed class ArchitectureTests
{
    private const string Core = "DataForge.Core";
    private const string Pipelines = "DataForge.Pipelines";
    private const string Cli = "DataForge.Cli";
    private const string Serving = "DataForge.Serving";
    private const string Review = "DataForge.Review";
    private const string Models = "DataForge.Models";
    private const string ModelsTorch = "DataForge.Models.Torch";
    private const string ModelsLlamaCpp = "DataForge.Models.LlamaCpp";
    private const string Testing = "DataForge.Testing";

    private static readonly string[] LevelOne = ["DataForge.Storage", Models, "DataForge.Generation", "DataForge.LintSeq", "DataForge.Scoring"];

    // Every project a rule below names; a rule about a project that is gone would pass without checking anything.
    private static readonly string[] Named = [Core, Pipelines, Cli, Serving, Review, ModelsTorch, ModelsLlamaCpp, Testing, .. LevelOne];

    // Heavy package families; each may appear in at most one src project.
    private static readonly string[] HeavyFamilies = ["TorchSharp", "Microsoft.CodeAnalysis", "Parquet.Net", "Microsoft.Data.Sqlite", "Tomlyn", "Spectre.Console", "Microsoft.ML.Tokenizers", "LLamaSharp"];

    private static readonly Lazy<IReadOnlyDictionary<string, ProjectInfo>> LazyProjects = new(LoadProjects);

    private static IReadOnlyDictionary<string, ProjectInfo> Projects => LazyProjects.Value;

    [Fact]
    public void SrcProjects_AreFound_SoTheRulesAreNotVacuous()
    {
        // Arrange + Act
        var names = Projects.Keys.ToList();

        // Assert
        Assert.True(names.Count >= 6, $"Found only {names.Count} src projects: {string.Join(", ", names)}");
        Assert.Contains(Core, names);
        Assert.Contains(Testing, names);
    }

    [Fact]
    public void EveryProjectTheRulesName_Exists()
    {
        // Arrange + Act
        var missing = Named.Where(name => !Projects.ContainsKey(name)).ToList();

        // Assert
        Assert.True(missing.Count == 0, $"The rules name projects that are not under src/: {string.Join(", ", missing)}.");
    }

    [Fact]
    public void Core_ReferencesNoProjectAndNoPackage()
    {
        // Arrange
        var core = Projects[Core];

        // Act + Assert
        Assert.Empty(core.ProjectReferences);
        Assert.Empty(core.PackageReferences);
        Assert.Empty(core.FrameworkReferences);
        Assert.Equal("Microsoft.NET.Sdk", core.Sdk);
    }

    [Fact]
    public void LevelOneProjects_ReferenceOnlyCore()
    {
        // Arrange + Act + Assert
        Assert.All(LevelOne, name => AssertReferencesOnly(name, [Core]));
    }

    [Fact]
    public void Pipelines_ReferencesOnlyCoreAndLevelOne()
    {
        // Arrange + Act + Assert
        AssertReferencesOnly(Pipelines, [Core, .. LevelOne]);
    }

    [Fact]
    public void Cli_ReferencesPipelinesAndNothingAboveIt()
    {
        // Arrange: Cli composes Pipelines and hosts the model server and the review tool (docs/architecture.md).
        string[] allowed = [Pipelines, Core, .. LevelOne, ModelsTorch, ModelsLlamaCpp, Serving, Review];

        // Act + Assert
        Assert.Contains(Pipelines, Projects[Cli].ProjectReferences);
        AssertReferencesOnly(Cli, allowed);
    }

    [Fact]
    public void NoProject_ReferencesCli()
    {
        // Arrange + Act
        var offenders = Projects.Values.Where(p => p.ProjectReferences.Contains(Cli)).Select(p => p.Name).ToList();

        // Assert
        Assert.Empty(offenders);
    }

    [Fact]
    public void TopLevelProjects_AreReferencedOnlyByCli()
    {
        // Arrange + Act
        var offenders = Projects.Values
            .Where(p => p.Name != Cli)
            .SelectMany(p => p.ProjectReferences.Where(r => r is Serving or Review or Pipelines).Select(r => $"{p.Name} -> {r}"))
            .ToList();

        // Assert
        Assert.Empty(offenders);
    }

    [Fact]
    public void ModelsTorch_ReferencesOnlyCoreAndModels_AndOnlyTheModelRuntimesAndCliReferenceIt()
    {
        // Arrange: TorchSharp's ~480 MB of natives stay out of every project but the CLI's and the llama.cpp runtime's, which the CLI alone references (docs/architecture.md).
        var users = Projects.Values.Where(p => p.ProjectReferences.Contains(ModelsTorch)).Select(p => p.Name).ToList();

        // Act + Assert
        AssertReferencesOnly(ModelsTorch, [Core, Models]);
        Assert.All(users, name => Assert.Contains(name, new[] { Cli, ModelsLlamaCpp }));
    }

    [Fact]
    public void ModelsLlamaCpp_ReferencesOnlyCoreModelsAndModelsTorch_AndOnlyCliReferencesIt()
    {
        // Arrange: llama.cpp's natives (LLamaSharp.Backend.Cpu) stay out of every project but the CLI's.
        var users = Projects.Values.Where(p => p.ProjectReferences.Contains(ModelsLlamaCpp)).Select(p => p.Name).ToList();

        // Act + Assert
        AssertReferencesOnly(ModelsLlamaCpp, [Core, Models, ModelsTorch]);
        Assert.All(users, name => Assert.Equal(Cli, name));
    }

    [Fact]
    public void Serving_ReferencesOnlyCoreAndModels()
    {
        // Arrange + Act + Assert
        AssertReferencesOnly(Serving, [Core, Models]);
    }

    [Fact]
    public void Review_ReferencesOnlyCoreStorageAndLintSeq()
    {
        // Arrange + Act + Assert: it reads run folders (Storage) and replays edit sequences (LintSeq), nothing that runs pipelines.
        AssertReferencesOnly(Review, [Core, "DataForge.Storage", "DataForge.LintSeq"]);
    }

    [Fact]
    public void AspNetCore_IsUsedOnlyByServingAndReview()
    {
        // Arrange + Act
        var users = Projects.Values.Where(p => p.UsesAspNetCore).Select(p => p.Name).ToList();

        // Assert
        Assert.All(users, name => Assert.Contains(name, new[] { Serving, Review }));
    }

    [Fact]
    public void HeavyPackages_EachLiveInAtMostOneProject()
    {
        // Arrange + Act
        var spread = HeavyFamilies
            .Select(family => (Family: family, Users: Projects.Values.Where(p => p.PackageReferences.Any(r => InFamily(r, family))).Select(p => p.Name).ToList()))
            .Where(x => x.Users.Count > 1)
            .Select(x => $"{x.Family}: {string.Join(", ", x.Users)}")
            .ToList();

        // Assert
        Assert.Empty(spread);
    }

    [Fact]
    public void Testing_ReferencesOnlyCoreAndXunitAssert()
    {
        // Arrange
        var testing = Projects[Testing];

        // Act + Assert
        Assert.Equal([Core], testing.ProjectReferences);
        Assert.All(testing.PackageReferences, r => Assert.Equal("xunit.assert", r));
        Assert.False(testing.UsesAspNetCore);
    }

    [Fact]
    public void NoSrcProject_ReferencesATestProject()
    {
        // Arrange + Act
        var offenders = Projects.Values.SelectMany(p => p.ProjectReferences.Where(r => r.EndsWith(".Tests", StringComparison.Ordinal)).Select(r => $"{p.Name} -> {r}")).ToList();

        // Assert
        Assert.Empty(offenders);
    }

    private static void AssertReferencesOnly(string name, string[] allowed)
    {
        Assert.True(Projects.ContainsKey(name), $"{name} is not under src/.");
        var extra = Projects[name].ProjectReferences.Except(allowed).ToList();
        Assert.True(extra.Count == 0, $"{name} references {string.Join(", ", extra)}; docs/architecture.md allows only {string.Join(", ", allowed)}.");
    }

    // "TorchSharp" covers TorchSharp-cuda-linux, "Spectre.Console" covers Spectre.Console.Cli, and so on.
    private static bool InFamily(string package, string family) => package.StartsWith(family, StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, ProjectInfo> LoadProjects()
    {
        var src = Path.Combine(DataForge.Testing.RepoPaths.Root, "src");
        return Directory.GetDirectories(src)
            .SelectMany(dir => Directory.GetFiles(dir, "*.csproj"))
            .Select(ProjectInfo.Load)
            .ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    private sealed record ProjectInfo(string Name, string Sdk, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> PackageReferences, IReadOnlyList<string> FrameworkReferences)
    {
        public bool UsesAspNetCore
            => Sdk.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase)
               || FrameworkReferences.Contains("Microsoft.AspNetCore.App", StringComparer.OrdinalIgnoreCase)
               || PackageReferences.Any(p => p.StartsWith("Microsoft.AspNetCore", StringComparison.OrdinalIgnoreCase));

        public static ProjectInfo Load(string path)
        {
            var doc = XDocument.Load(path);
            var root = doc.Root!;
            var sdk = (string?)root.Attribute("Sdk") ?? (string?)root.Element("Sdk")?.Attribute("Name") ?? "";
            return new ProjectInfo(
                Path.GetFileNameWithoutExtension(path),
                sdk,
                [.. Includes(root, "ProjectReference").Select(p => Path.GetFileNameWithoutExtension(p.Replace('\\', '/')))],
                [.. Includes(root, "PackageReference")],
                [.. Includes(root, "FrameworkReference")]);
        }

        private static IEnumerable<string> Includes(XElement root, string item)
            => root.Descendants().Where(e => e.Name.LocalName == item).Select(e => (string?)e.Attribute("Include") ?? "").Where(s => s.Length > 0);
    }
}
