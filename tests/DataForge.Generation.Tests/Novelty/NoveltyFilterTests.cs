using System.Globalization;
using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Generation.Novelty;
using DataForge.Testing;
using Xunit;

namespace DataForge.Generation.Tests.Novelty;

public sealed class NoveltyFilterTests
{
    [Fact]
    public async Task Conformance()
    {
        var inputs = NoveltyData.Samples(["Write a poem about a cat.", "write a poem about a cat!", "Explain how to sort a list.", "Summarize the text", "Explain how to sort a list in Python."]);
        var run = await StepConformance.CheckRecordStepAsync(() => new NoveltyFilter(new NoveltyFilterOptions()), inputs);
        Assert.NotEmpty(run.Outputs);
        Assert.NotEmpty(run.Rejects);
    }

    [Fact]
    public void Constructor_NullOptions_Throws()
    {
        StepConformance.CheckRejectsBadOptions(() => new NoveltyFilter(null!));
    }

    [Theory]
    [InlineData("threshold")]
    [InlineData("nearest")]
    [InlineData("field")]
    public void Constructor_OptionOutOfRange_ThrowsNamingTheKey(string key)
    {
        // Arrange
        var options = key switch
        {
            "threshold" => new NoveltyFilterOptions { Threshold = 1.5 },
            "nearest" => new NoveltyFilterOptions { Nearest = 101 },
            _ => new NoveltyFilterOptions { Field = "output" },
        };

        // Act
        var error = Assert.Throws<ArgumentException>(() => new NoveltyFilter(options));

        // Assert
        Assert.StartsWith(key + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExactCopy_IsDroppedWithItsNearestNeighbour()
    {
        var inputs = NoveltyData.Samples(["Write a poem about a cat.", "Write a poem, about a CAT", "Tell me a story"]);
        var run = await StepHarness.RunAsync(new NoveltyFilter(new NoveltyFilterOptions()), inputs);
        Assert.Equal(["r0000", "r0002"], run.Outputs.Select(s => s.Id));
        var reject = Assert.Single(run.Rejects);
        Assert.Equal("near_duplicate", reject.Reason);
        Assert.Equal("1", reject.MetaText("rouge_l_max"));
        Assert.Equal("""[{"id":"r0000","f":1}]""", reject.MetaText("rouge_l_nearest"));
        Assert.Equal("0", run.Outputs[0].MetaText("rouge_l_max"));
        Assert.Equal("[]", run.Outputs[0].MetaText("rouge_l_nearest"));
    }

    [Fact]
    public async Task InstructionPlusInput_ComparesBoth()
    {
        var inputs = new List<Sample>
        {
            new() { Id = "a", Instruction = "Translate", Input = "the red house on the hill" },
            new() { Id = "b", Instruction = "Translate", Input = "a blue car in the city today" },
        };
        var byInstruction = await StepHarness.RunAsync(new NoveltyFilter(new NoveltyFilterOptions()), inputs);
        var byBoth = await StepHarness.RunAsync(new NoveltyFilter(new NoveltyFilterOptions { Field = NoveltyFilterOptions.InstructionAndInputField }), inputs);
        Assert.Single(byInstruction.Outputs);
        Assert.Equal(2, byBoth.Outputs.Count);
    }

    [Fact]
    public async Task Stem_InflectedCopy_IsDroppedOnlyWithStemming()
    {
        // Arrange
        var inputs = NoveltyData.Samples(["Sorting the lists of numbers", "sorted the list of number"]);

        // Act
        var plain = await StepHarness.RunAsync(new NoveltyFilter(new NoveltyFilterOptions()), inputs);
        var stemmed = await StepHarness.RunAsync(new NoveltyFilter(new NoveltyFilterOptions { Stem = true }), inputs);

        // Assert
        Assert.Equal(2, plain.Outputs.Count);
        Assert.Equal(0.4, plain.Outputs[1].Meta["rouge_l_max"].GetDouble(), 12);
        Assert.Equal(["r0000"], stemmed.Outputs.Select(s => s.Id));
        Assert.Equal("1", Assert.Single(stemmed.Rejects).MetaText("rouge_l_max"));
    }

    [Theory]
    [InlineData("random", 0.7, 10, false)]
    [InlineData("near", 0.7, 10, false)]
    [InlineData("near", 0.5, 3, false)]
    [InlineData("random", 0.4, 0, false)]
    [InlineData("random", 0.7, 10, true)]
    [InlineData("near", 0.7, 10, true)]
    [InlineData("random-inflected", 0.5, 10, true)]
    [InlineData("near-inflected", 0.7, 10, true)]
    [InlineData("near-inflected", 0.5, 3, true)]
    [InlineData("random-inflected", 0.4, 0, true)]
    public async Task Decisions_EqualNaivePairwise(string kind, double threshold, int nearest, bool stem)
    {
        var inflected = kind.EndsWith("-inflected", StringComparison.Ordinal);
        var texts = kind.StartsWith("random", StringComparison.Ordinal) ? NoveltyData.Random(300, 7, inflected) : NoveltyData.NearDuplicates(30, 300, 11, inflected);
        var inputs = NoveltyData.Samples(texts);
        var options = new NoveltyFilterOptions { Threshold = threshold, Nearest = nearest, Stem = stem };
        var run = await StepHarness.RunAsync(new NoveltyFilter(options), inputs);
        var expected = NaivePairwise.Run(inputs.Select(s => (s.Id, s.Instruction!)).ToList(), threshold, nearest, stem);

        var byId = run.Outputs.Concat(run.Rejects).ToDictionary(s => s.Id);
        Assert.Equal(inputs.Count, byId.Count);
        var kept = run.Outputs.Select(s => s.Id).ToHashSet();
        for (var i = 0; i < inputs.Count; i++)
        {
            var (accepted, result) = expected[i];
            var actual = byId[inputs[i].Id];
            Assert.True(accepted == kept.Contains(inputs[i].Id), $"{inputs[i].Id}: decision differs (naive max {result.Max})");
            Assert.Equal(result.Max.ToString("R", CultureInfo.InvariantCulture), actual.MetaText("rouge_l_max"));
            Assert.Equal(Expected(result), actual.MetaText("rouge_l_nearest"));
        }

        Assert.Contains(expected, e => e.Accepted);
        Assert.Contains(expected, e => !e.Accepted);
    }

    [Fact]
    public void NaivePairwise_InflectedData_StemmingChangesDecisions()
    {
        // Arrange: guards the stemmed property checks above against data the stemmer leaves alone
        var items = NoveltyData.Samples(NoveltyData.NearDuplicates(30, 300, 11, inflected: true)).Select(s => (s.Id, s.Instruction!)).ToList();

        // Act
        var plain = NaivePairwise.Run(items, 0.7, 10);
        var stemmed = NaivePairwise.Run(items, 0.7, 10, stem: true);

        // Assert
        Assert.Contains(Enumerable.Range(0, items.Count), i => plain[i].Accepted != stemmed[i].Accepted);
    }

    private static string Expected(NoveltyResult result)
        => JsonSerializer.Serialize(result.Nearest.Select(n => new { id = n.Id, f = n.F }));
}
