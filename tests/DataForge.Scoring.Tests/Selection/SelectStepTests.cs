using DataForge.Core.Records;
using DataForge.Scoring.Selection;
using DataForge.Testing;
using Xunit;

namespace DataForge.Scoring.Tests.Selection;

public sealed class SelectStepTests
{
    private static Sample Record(string id, string source, params (string Name, double Value)[] scores)
    {
        var sample = new Sample { Id = id, Instruction = id, Output = "o", Source = source };
        foreach (var (name, value) in scores)
        {
            sample = sample.WithScore(name, value);
        }

        return sample;
    }

    private static List<Sample> Pool() =>
    [
        Record("a", "x", ("ic_ifd", 0.2)),
        Record("b", "x", ("ic_ifd", 0.9)),
        Record("c", "y", ("ic_ifd", 0.5)),
        Record("d", "y"),
        Record("e", "y", ("ic_ifd", 0.9)),
        Record("f", "x", ("ifd", 0.7)),
    ];

    private static SelectStep Step(string formula, Func<SelectOptions, SelectOptions> configure)
        => new(configure(new SelectOptions { Score = formula }));

    [Fact]
    public async Task Conformance_TopK_Passes()
        => await StepConformance.CheckBarrierAsync(() => Step("ic_ifd", o => o with { TopK = 2 }), Pool());

    [Fact]
    public async Task TopK_HighestFirstTiesByInputOrder_EveryRecordHasAReason()
    {
        // Act
        var run = await StepHarness.RunAsync(Step("ic_ifd", o => o with { TopK = 2 }), Pool());

        // Assert: b and e tie at 0.9 and are both kept; outputs keep input order.
        Assert.Equal(["b", "e"], run.Outputs.Select(s => s.Id));
        Assert.All(run.Outputs, s => Assert.Equal("kept_top_ic_ifd", s.Reason));
        Assert.Equal(
            [("a", "below_budget"), ("c", "below_budget"), ("d", "missing_score"), ("f", "missing_score")],
            run.Rejects.Select(r => (r.Id, r.Reason!)).Order());
    }

    [Fact]
    public void Decide_TopFraction_RoundsDownOverScoredRecordsAscending()
    {
        // Arrange: four scored records, 60% -> 2, lowest first.
        var step = Step("ic_ifd", o => o with { TopFraction = 0.6, Order = SelectOrder.Asc });

        // Act
        var reasons = step.Decide([0.2, 0.9, 0.5, null, 0.9], ["x", "x", "y", "y", "y"]);

        // Assert
        Assert.Equal(["kept_top_ic_ifd", "below_budget", "kept_top_ic_ifd", "missing_score", "below_budget"], reasons);
    }

    [Fact]
    public void Decide_ThresholdsOnly_KeepsTheBand()
    {
        var reasons = Step("ic_ifd", o => o with { Min = 0.3, Max = 0.8 }).Decide([0.2, 0.9, 0.5], ["x", "x", "x"]);
        Assert.Equal(["below_threshold", "above_threshold", "kept_threshold_ic_ifd"], reasons);
    }

    [Fact]
    public void Decide_SourceQuotas_CapEachSourceAndPassTheBudgetOn()
    {
        // Arrange: at most one record from x; the budget of three goes on to y.
        var step = Step("s", o => o with { TopK = 3, SourceQuotas = ["x=1", "*=5"] });

        // Act
        var reasons = step.Decide([0.9, 0.8, 0.1, 0.2, 0.3], ["x", "x", "y", "y", "y"]);

        // Assert
        Assert.Equal(["kept_top_s", "over_source_quota", "below_budget", "kept_top_s", "kept_top_s"], reasons);
    }

    [Fact]
    public async Task Formula_Combination_RanksByTheWeightedSum()
    {
        // Arrange: 0.5 * ifd + 2 * less: a = 1.5, b = 0.9, c lacks less.
        List<Sample> pool = [Record("a", "x", ("ifd", 1), ("less", 0.5)), Record("b", "x", ("ifd", 1.4), ("less", 0.1)), Record("c", "x", ("ifd", 2))];

        // Act
        var run = await StepHarness.RunAsync(Step("0.5 * ifd + 2*less", o => o with { TopK = 1 }), pool);

        // Assert
        Assert.Equal("a", Assert.Single(run.Outputs).Id);
        Assert.Equal("kept_top_score", run.Outputs[0].Reason);
        Assert.Contains(run.Rejects, r => r.Id == "c" && r.Reason == "missing_score");
    }

    [Theory]
    [InlineData("ic_ifd", 0.5)]
    [InlineData("2 * a - b + 1", 1.5)]
    [InlineData("-a + 0.5*b", -0.25)]
    [InlineData("1e-1 * b", 0.05)]
    public void Formula_Parse_EvaluatesLinearCombinations(string text, double expected)
    {
        var scores = new Dictionary<string, double> { ["ic_ifd"] = 0.5, ["a"] = 0.5, ["b"] = 0.5 };
        Assert.Equal(expected, ScoreFormula.Parse(text).Evaluate(scores)!.Value, 12);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a *")]
    [InlineData("a b")]
    [InlineData("2 * 3x")]
    [InlineData("a / b")]
    public void Formula_Malformed_ThrowsWithWhere(string text)
        => Assert.Throws<FormatException>(() => ScoreFormula.Parse(text));

    [Fact]
    public void Constructor_NothingToSelectByOrBothBudgets_ThrowsNamingTopK()
    {
        // Act
        var nothing = Assert.Throws<ArgumentException>(() => Step("a", o => o));
        var both = Assert.Throws<ArgumentException>(() => Step("a", o => o with { TopK = 1, TopFraction = 0.5 }));

        // Assert
        Assert.Equal("top_k", nothing.ParamName);
        Assert.Equal("top_k", both.ParamName);
    }

    [Theory]
    [InlineData("a *", 1, null, "score")]
    [InlineData("a", -1, null, "top_k")]
    [InlineData("a", null, 1.5, "top_fraction")]
    public void Constructor_BadKey_ThrowsNamingTheKey(string score, int? topK, double? topFraction, string key)
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => Step(score, o => o with { TopK = topK, TopFraction = topFraction }));

        // Assert
        Assert.StartsWith(key + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MalformedQuota_ThrowsNamingSourceQuotas()
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => Step("a", o => o with { TopK = 1, SourceQuotas = ["x=many"] }));

        // Assert
        Assert.Equal("source_quotas", error.ParamName);
    }
}
