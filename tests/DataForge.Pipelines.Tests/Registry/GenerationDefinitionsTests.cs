using DataForge.Core.Options;
using DataForge.Core.Seams;
using DataForge.Core.Steps;
using DataForge.Generation.Ensemble;
using DataForge.Generation.Evol;
using DataForge.Generation.Novelty;
using DataForge.Pipelines.Registry;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Registry;

public sealed class GenerationDefinitionsTests
{
    // A build context that hands out fake models and records what the factory asked for.
    private sealed class FakeContext(string directory) : IStepBuildContext
    {
        public List<string> Models { get; } = [];

        public List<string> Paths { get; } = [];

        public string StepName => "step";

        public string RunId => "run";

        public long Seed => 1;

        public long? Limit => null;

        public string PipelineDirectory => directory;

        public string DataDirectory => Path.Combine(directory, "data");

        public IResultCache? Cache => null;

        public ITokenCounter TokenCounter => throw new NotSupportedException();

        public ILanguageModel Model(string name)
        {
            Models.Add(name);
            return new FakeLanguageModel(name + "@1");
        }

        public string ResolvePath(string path)
        {
            var full = Path.GetFullPath(path, directory);
            Paths.Add(full);
            return full;
        }
    }

    private static (string Key, string Message)? Check(string type, params (string Key, object? Value)[] values)
    {
        Assert.True(StepRegistry.CreateDefault().TryGet(type, out var definition));
        var resolved = definition.Options.ToDictionary(o => o.Key, o => o.Default);
        foreach (var (key, value) in values)
        {
            resolved[key] = value;
        }

        return definition.Check!(new ResolvedOptions(resolved));
    }

    [Theory]
    [InlineData("evol-instruct")]
    [InlineData("ensemble-vote")]
    [InlineData("ensemble-instruct")]
    [InlineData("novelty-filter")]
    public void CreateDefault_GenerationType_IsTheStepsOwnDeclaration(string type)
    {
        // Act
        var found = StepRegistry.CreateDefault().TryGet(type, out var definition);

        // Assert
        Assert.True(found);
        Assert.NotNull(definition.Declaration);
    }

    [Fact]
    public void EvolFactory_TemplatesAndModels_ComeFromTheBuildContext()
    {
        // Arrange
        using var folder = new TempFolder();
        folder.Write("prompts/deepening.txt", "Make it deeper: {instruction}");
        var context = new FakeContext(folder.Path);
        var options = new EvolInstructOptions { Evolver = "evolver", Judge = "judge", Operations = [EvolOperations.Deepening], Templates = "prompts" };

        // Act
        var step = EvolInstructExpander.Definition.Factory(options, context);

        // Assert
        Assert.IsType<EvolInstructExpander>(step);
        Assert.Equal(["evolver", "judge"], context.Models);
        Assert.Equal([Path.Combine(folder.Path, "prompts")], context.Paths);
    }

    [Fact]
    public void EnsembleFactories_AskTheBuildContextForEveryModel()
    {
        // Arrange
        using var folder = new TempFolder();
        var context = new FakeContext(folder.Path);

        // Act
        EnsembleVoteExpander.Definition.Factory(new EnsembleVoteOptions { Ensemble = ["a", "b"] }, context);
        EnsembleInstructGenerator.Definition.Factory(new EnsembleInstructOptions { Generator = "gen" }, context);

        // Assert
        Assert.Equal(["a", "b", "gen"], context.Models);
        Assert.Empty(context.Paths);
    }

    [Fact]
    public void NoveltyFactory_InstructionAndInput_ReadsInput()
    {
        // Act
        var step = NoveltyFilter.Definition.Factory(new NoveltyFilterOptions { Field = NoveltyFilterOptions.InstructionAndInputField }, new FakeContext("."));

        // Assert
        Assert.Equal(["instruction", "input"], step.Contract.Requires);
    }

    [Fact]
    public void Checks_RulesAcrossValues_NameTheKey()
    {
        // Act
        var unknownOperation = Check("evol-instruct", ("evolver", "m"), ("operations", (IReadOnlyList<string>)["shuffle"]));
        var modelTwice = Check("ensemble-vote", ("ensemble", (IReadOnlyList<string>)["a", "a"]));
        var oneModel = Check("ensemble-vote", ("ensemble", (IReadOnlyList<string>)["a"]));
        var typeTwice = Check("ensemble-instruct", ("generator", "g"), ("types", (IReadOnlyList<string>)["with_input", "with_input"]));
        var fine = Check("ensemble-instruct", ("generator", "g"), ("types", (IReadOnlyList<string>)["output_only"]));

        // Assert
        Assert.Equal("operations", unknownOperation?.Key);
        Assert.StartsWith("unknown evolution operation 'shuffle'", unknownOperation?.Message, StringComparison.Ordinal);
        Assert.Equal(("ensemble", "names one model twice; the ensemble's models must be different"), modelTwice);
        Assert.Equal(("ensemble", "needs at least two models"), oneModel);
        Assert.Equal("types", typeTwice?.Key);
        Assert.Null(fine);
    }

    [Fact]
    public void Definitions_DerivedDefaults_StayNull()
    {
        // Act
        var defaults = OptionSchema.Definitions(typeof(EnsembleInstructOptions)).Concat(OptionSchema.Definitions(typeof(EvolInstructOptions)))
            .Where(o => o.Key is "types" or "max_prompts" or "operations" or "answerer" or "judge")
            .Select(o => o.Default);

        // Assert
        Assert.All(defaults, Assert.Null);
    }
}
