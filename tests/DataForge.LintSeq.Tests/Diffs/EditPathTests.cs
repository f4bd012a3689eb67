using DataForge.Core.Records;
using DataForge.Core.Steps;
using DataForge.LintSeq.Diffs;
using Xunit;

namespace DataForge.LintSeq.Tests.Diffs;

public sealed class EditPathTests
{
    [Fact]
    public void RenderTrainingText_TwoDiffs_MatchesTheReferenceFormat()
    {
        // Act
        var text = EditPath.RenderTrainingText("Write f.", ["@@ -0,0 +1 @@\n+a", "@@ -1,0 +2 @@\n+b"], "</s>");

        // Assert: "\n<|diff|>" before each edit and twice at the end (two empty edits as a stop signal).
        Assert.Equal("Write f.\n<|diff|>@@ -0,0 +1 @@\n+a\n<|diff|>@@ -1,0 +2 @@\n+b\n<|diff|>\n<|diff|></s>", text);
    }

    [Fact]
    public void RenderTrainingText_EditSequence_IsTheInstructionThenALineBreakThenTheScoredAnswer()
    {
        // Arrange
        string[] diffs = ["@@ -0,0 +1 @@\n+x = 1", "@@ -1,0 +2 @@\n+print(x)"];
        var sample = new Sample { Id = "a", Kind = SampleKinds.EditSequence, Instruction = "Print one.", Output = "x = 1\nprint(x)", Edits = [.. diffs] };

        // Act
        var text = EditPath.RenderTrainingText(sample.Instruction!, diffs, "</s>");

        // Assert: what the scoring and selection steps score is exactly the trained text after the instruction.
        Assert.Equal(sample.Instruction + "\n" + TrainingText.Answer(sample) + "</s>", text);
    }

    [Fact]
    public void Apply_HunksInOneDiff_InsertsAtTheirOldPositions()
    {
        // Arrange: from "b\nd" to "a\nb\nc\nd\ne" in one diff of three hunks.
        var first = UnifiedDiff.Between("", "b\nd");
        var second = UnifiedDiff.Between("b\nd", "a\nb\nc\nd\ne");

        // Act
        var program = EditPath.Apply([first, second]);

        // Assert
        Assert.Equal("@@ -0,0 +1 @@\n+a\n@@ -1,0 +3 @@\n+c\n@@ -2,0 +5 @@\n+e", second);
        Assert.Equal("a\nb\nc\nd\ne", program);
    }

    [Fact]
    public void Apply_LinesStartingWithPlusOrMinus_AreKept()
    {
        // The reference decoder's lstrip would eat these characters.
        Assert.Equal("+x\n-y", EditPath.Apply(["@@ -0,0 +1,2 @@\n++x\n+-y"]));
    }

    [Fact]
    public void Apply_ReplaceHunk_Throws()
    {
        Assert.Throws<FormatException>(() => EditPath.Apply(["@@ -1 +1 @@\n-a\n+b"]));
    }

    [Fact]
    public void Inflate_ProgramsFullOfRepeatedLines_AlwaysInsertOnlyAndRebuildTheProgram()
    {
        // Arrange: repeated lines are where difflib's greedy matcher pairs the wrong twins.
        var lines = "class A:\n    def f(self):\n        return 1\n\n    def g(self):\n        return 1\n\n\nclass B:\n    def f(self):\n        return 1\n    }\n    }\n    return 1\n}\n}\n".Split('\n');
        var random = DeterministicRandom.FromSeed(7);

        for (var trial = 0; trial < 300; trial++)
        {
            // Random partition of the lines into deletion sets.
            var order = Enumerable.Range(0, lines.Length).OrderBy(_ => random.Next()).ToList();
            var sets = new List<IReadOnlySet<int>>();
            for (var i = 0; i < order.Count;)
            {
                var size = random.Next(1, 4);
                sets.Add(order.Skip(i).Take(size).ToHashSet());
                i += size;
            }

            // Act
            var diffs = EditPath.Inflate(lines, sets);

            // Assert
            Assert.All(diffs, d => Assert.True(InsertionDiff.IsInsertionOnly(d), d));
            Assert.Equal(string.Join("\n", UnifiedDiff.Lines(string.Join("\n", lines))), EditPath.Apply(diffs));
        }
    }
}
