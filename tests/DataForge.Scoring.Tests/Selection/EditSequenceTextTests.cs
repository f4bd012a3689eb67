using DataForge.Core.Records;
using DataForge.Scoring.Ifd;
using DataForge.Scoring.Less;
using DataForge.Scoring.Perplexity;
using DataForge.Scoring.S2l;
using DataForge.Scoring.Tests.S2l;
using DataForge.Testing;
using Xunit;

namespace DataForge.Scoring.Tests.Selection;

/// <summary>Scoring and selection steps see an edit sequence as its <c>&lt;|diff|&gt;</c> edit text, never its final program.</summary>
public sealed class EditSequenceTextTests
{
    private const string Program = "def f(x):\n    y = x + 1\n    return y";

    // Two sequences of one program: same instruction, same final program, different edits.
    private static readonly string[] FirstEdits = ["@@ -0,0 +1,2 @@\n+def f(x):\n+    return y", "@@ -1,0 +2 @@\n+    y = x + 1"];
    private static readonly string[] SecondEdits = ["@@ -0,0 +1 @@\n+def f(x):", "@@ -1,0 +2,2 @@\n+    y = x + 1\n+    return y"];

    // A word costs an amount from its text, plus a little for its position and for the context's length,
    // so the conditioned and direct passes differ and different answers get different ratios.
    private static FakeLanguageModel Model() => new(
        r => throw new InvalidOperationException("no generation here"),
        r => [.. FakeLanguageModel.Words(r.Continuation).Select((w, i) => -(1 + (Math.Abs(w.Aggregate(7, (h, c) => unchecked((h * 31) + c))) % 97 / 50.0) + (0.01 * i) + (0.001 * r.Context.Length)))],
        identity: "scorer@1");

    private static Sample Sequence(string id, string[] edits, int sequence) => new Sample
    {
        Id = id,
        Kind = SampleKinds.EditSequence,
        Instruction = "Write f that adds one.",
        Output = Program,
        Edits = [.. edits],
        Language = "python",
    }.WithMeta("sequence", (long)sequence);

    private static string[] Both() => [.. new[] { TrainingText.EditsAnswer(FirstEdits), TrainingText.EditsAnswer(SecondEdits) }.Order(StringComparer.Ordinal)];

    [Fact]
    public void Answer_EditSequence_IsTheReferenceDiffRenderingOfItsEdits()
    {
        // Arrange
        var sample = Sequence("a", FirstEdits, 0);

        // Act
        var answer = TrainingText.Answer(sample);

        // Assert: "<|diff|>" before each edit and twice at the end, as the reference's training text after the instruction.
        Assert.Equal($"<|diff|>{FirstEdits[0]}\n<|diff|>{FirstEdits[1]}\n<|diff|>\n<|diff|>", answer);
        Assert.Equal("\n" + answer, TrainingText.EditsAfterInstruction(FirstEdits));
        Assert.Equal(Program, TrainingText.Answer(sample with { Kind = SampleKinds.Instruction }));
    }

    [Theory]
    [InlineData(IfdMetric.Ifd)]
    [InlineData(IfdMetric.IcIfd)]
    public async Task ScoreIfd_TwoSequencesOfOneProgram_ScoreTheirEditTextAndDiffer(IfdMetric metric)
    {
        // Arrange
        var model = Model();
        List<Sample> inputs = [Sequence("a", FirstEdits, 0), Sequence("b", SecondEdits, 1)];

        // Act
        var run = await StepHarness.RunAsync(new IfdScorer(model, new IfdOptions { Metric = metric, MaxLength = 0, DropAboveOne = false }), inputs);

        // Assert: the answer of every request is the edit text, never the program; the two scores differ.
        Assert.Equal(2, run.Outputs.Count);
        Assert.DoesNotContain(model.ScoreRequests, r => r.Continuation.EndsWith(Program, StringComparison.Ordinal));
        Assert.Contains(model.ScoreRequests, r => r.Continuation == TrainingText.EditsAnswer(FirstEdits));
        Assert.Contains(model.ScoreRequests, r => r.Continuation == TrainingText.EditsAnswer(SecondEdits));
        var score = metric == IfdMetric.Ifd ? "ifd" : "ic_ifd";
        Assert.NotEqual(run.Outputs.Single(o => o.Id == "a").Scores[score], run.Outputs.Single(o => o.Id == "b").Scores[score]);
    }

    [Fact]
    public async Task PerplexityFilter_TwoSequencesOfOneProgram_ScoreTheirEditTextAndDiffer()
    {
        // Arrange
        var model = Model();
        var options = new PerplexityOptions { Model = "m", Max = 1e9 };
        List<Sample> inputs = [Sequence("a", FirstEdits, 0), Sequence("b", SecondEdits, 1)];

        // Act
        var run = await StepHarness.RunAsync(PerplexityFilter.Create(options, new PerplexityScorer(model, options)), inputs);

        // Assert
        Assert.Equal(Both(), model.ScoreRequests.Select(r => r.Continuation).Order(StringComparer.Ordinal).ToArray());
        Assert.NotEqual(run.Outputs.Single(o => o.Id == "a").Scores["perplexity"], run.Outputs.Single(o => o.Id == "b").Scores["perplexity"]);
    }

    [Fact]
    public async Task SelectS2l_TwoSequencesOfOneProgram_TrainOnTheirEditTextAndGetDifferentTrajectories()
    {
        // Arrange: the proxy's loss of an example follows its response's text.
        var proxy = new FakeTrainableSource((example, progress) => (1 + (Math.Abs(example.Response.Aggregate(7, (h, c) => unchecked((h * 31) + c))) % 97)) * (1 - (0.5 * progress)));
        List<Sample> inputs = [Sequence("a", FirstEdits, 0), Sequence("b", SecondEdits, 1)];

        // Act
        var run = await StepHarness.RunAsync(new S2lSelector(proxy, new S2lSelectorOptions { Budget = 1, Clusters = 1, Epochs = 1, BatchSize = 2, Checkpoints = 2 }), inputs);

        // Assert
        var trained = proxy.Batches.SelectMany(b => b).Select(e => e.Response).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Both(), trained);
        var all = run.Outputs.Concat(run.Rejects).ToList();
        Assert.NotEqual(all.Single(o => o.Id == "a").MetaText("s2l_trajectory"), all.Single(o => o.Id == "b").MetaText("s2l_trajectory"));
    }

    [Fact]
    public async Task LessPool_TwoSequencesOfOneProgram_CandidatesAreTheirEditText()
    {
        // Arrange
        List<Sample> inputs = [Sequence("a", FirstEdits, 0), Sequence("b", SecondEdits, 1)];
        var source = new FakeTrainableSource((_, _) => 1);
        Func<IAsyncEnumerable<Sample>> input = () => inputs.ToAsyncEnumerable();

        // Act
        var pool = await LessPool.ScanAsync(input, source, CancellationToken.None);
        var candidates = await pool.CandidatesAsync(input, CancellationToken.None).ToListAsync();

        // Assert: the gradients LESS takes are of the edit text, so the two candidates' features differ.
        Assert.Equal([TrainingText.EditsAnswer(FirstEdits), TrainingText.EditsAnswer(SecondEdits)], candidates.Select(c => c.Response).ToArray());
        var other = await LessPool.ScanAsync(() => inputs.Select(s => s with { Kind = SampleKinds.Instruction }).ToAsyncEnumerable(), source, CancellationToken.None);
        Assert.NotEqual(other.Digest, pool.Digest);
    }
}
