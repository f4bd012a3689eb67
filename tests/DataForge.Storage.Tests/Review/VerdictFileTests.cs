using DataForge.Core.Diagnostics;
using DataForge.Core.Review;
using DataForge.Storage.Review;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Review;

/// <summary>Verdicts files: JSONL, blank lines allowed, last line per id wins, any malformed line refuses the file with its line.</summary>
public sealed class VerdictFileTests
{
    [Fact]
    public void Parse_BlankLinesAndARepeatedId_TheLastLineWins()
    {
        // Arrange
        const string text = "{\"id\":\"a\",\"verdict\":\"reject\",\"note\":\"dup\",\"reviewer\":\"ana\",\"at\":\"2026-12-07T09:00:00Z\"}\r\n\n   \n"
            + "{\"id\":\"b\",\"verdict\":\"flag\"}\n{\"id\":\"a\",\"verdict\":\"accept\",\"future_field\":1}\n";

        // Act
        var verdicts = VerdictFile.Parse(text, "verdicts.jsonl");

        // Assert
        Assert.Equal(2, verdicts.Count);
        Assert.Equal(new ReviewVerdict("a", ReviewVerdictKind.Accept), verdicts.Find("a"));
        Assert.Equal(ReviewVerdictKind.Flag, verdicts.Find("b")!.Kind);
    }

    [Fact]
    public void Parse_EveryKindOfBadLine_RefusesTheFileNamingEachLine()
    {
        // Arrange
        var text = string.Join('\n',
            "{\"id\":\"ok\",\"verdict\":\"reject\"}",
            "{\"id\":\"a\",\"verdict\":\"reject\"",
            "",
            "{\"verdict\":\"reject\"}",
            "{\"id\":\"b\",\"verdict\":\"delete\"}",
            "[1,2]",
            "{\"id\":\"c\",\"verdict\":\"flag\",\"note\":3}",
            "{\"id\":\"d\",\"verdict\":\"accept\",\"at\":\"yesterday\"}");

        // Act
        var error = Assert.Throws<DataForgeConfigException>(() => VerdictFile.Parse(text, "review/verdicts.jsonl"));

        // Assert
        Assert.Equal([2, 4, 5, 6, 7, 8], error.Diagnostics.Select(d => d.Line));
        Assert.All(error.Diagnostics, d => Assert.Equal(DiagnosticCodes.BadVerdict, d.Code));
        Assert.StartsWith("review/verdicts.jsonl(2,", error.Diagnostics[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("missing \"id\"", error.Diagnostics[1].Message, StringComparison.Ordinal);
        Assert.Contains("unknown verdict \"delete\"", error.Diagnostics[2].Message, StringComparison.Ordinal);
        Assert.Contains("not a JSON object", error.Diagnostics[3].Message, StringComparison.Ordinal);
        Assert.Contains("must be strings", error.Diagnostics[4].Message, StringComparison.Ordinal);
        Assert.Contains("ISO 8601", error.Diagnostics[5].Message, StringComparison.Ordinal);
        Assert.Contains("review/verdicts.jsonl(8,1): error DF1021: record d:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_NoVerdicts()
    {
        // Arrange
        using var folder = new TempFolder();

        // Act
        var verdicts = VerdictFile.Read(folder.Combine("verdicts.jsonl"));

        // Assert
        Assert.True(verdicts.IsEmpty);
    }

    [Fact]
    public void FormatLine_ReadBack_GivesTheSameVerdicts()
    {
        // Arrange
        using var folder = new TempFolder();
        ReviewVerdict[] written =
        [
            new("a", ReviewVerdictKind.Reject, "copied \"verbatim\" — from a test set", "ana", new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(2))),
            new("b", ReviewVerdictKind.Flag),
            new("c", ReviewVerdictKind.Accept, Reviewer: "bo"),
        ];
        var path = folder.Write(VerdictFile.DefaultName, string.Concat(written.Select(v => VerdictFile.FormatLine(v) + "\n")));

        // Act
        var verdicts = VerdictFile.Read(path);

        // Assert
        Assert.Equal(written.Select(v => v with { At = v.At?.ToUniversalTime() }), verdicts.All);
        Assert.Equal("{\"id\":\"b\",\"verdict\":\"flag\"}", VerdictFile.FormatLine(written[1]));
        Assert.Contains("\"at\":\"2026-12-07T08:00:00Z\"", VerdictFile.FormatLine(written[0]), StringComparison.Ordinal);
    }
}
