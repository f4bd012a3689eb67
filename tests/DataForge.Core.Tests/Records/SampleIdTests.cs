using System.Text;
using DataForge.Core.Records;
using Xunit;

namespace DataForge.Core.Tests.Records;

public sealed class SampleIdTests
{
    [Fact]
    public void ForContent_FixedRecord_MatchesGolden()
    {
        // Arrange: pins the id scheme; changing it moves every id in every run.
        var sample = new Sample { Id = "", Instruction = "Say hi", Output = "hi" };

        // Act
        var id = SampleId.ForContent(sample);

        // Assert
        Assert.Equal("22de126c76344ed1e897ce97248c40ab", id);
    }

    [Fact]
    public void ForContent_AnyRecord_Is32LowerHexChars()
    {
        // Arrange
        var sample = new Sample { Id = "", Instruction = "Explain recursion." };

        // Act
        var id = SampleId.ForContent(sample);

        // Assert
        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    [Fact]
    public void ForContent_NonContentFields_DoNotChangeId()
    {
        // Arrange
        var plain = new Sample { Id = "x", Instruction = "i", Output = "o" };
        var decorated = plain with
        {
            Id = "y",
            ParentId = "p",
            Round = 3,
            Model = "m",
            Step = "s",
            Reason = "r",
            Meta = plain.Meta.Add("k", MetaValue.Of("v")),
            Scores = plain.Scores.Add("ifd", 0.5),
        };

        // Act + Assert
        Assert.Equal(SampleId.ForContent(plain), SampleId.ForContent(decorated));
    }

    [Theory]
    [InlineData("ab", "c", "a", "bc")]
    [InlineData(null, "x", "", "x")]
    [InlineData("x", null, "x", "")]
    public void ForContent_FieldBoundariesAndNulls_GiveDifferentIds(string? i1, string? o1, string? i2, string? o2)
    {
        // Arrange
        var a = new Sample { Id = "", Instruction = i1, Output = o1 };
        var b = new Sample { Id = "", Instruction = i2, Output = o2 };

        // Act + Assert
        Assert.NotEqual(SampleId.ForContent(a), SampleId.ForContent(b));
    }

    [Fact]
    public void ForContent_ContentFields_EachChangeId()
    {
        // Arrange
        var baseline = new Sample { Id = "", Instruction = "i", Input = "n", Output = "o", Language = "python" };
        Sample[] variants =
        [
            baseline with { Kind = SampleKinds.EditSequence },
            baseline with { Instruction = "i2" },
            baseline with { Input = "n2" },
            baseline with { Output = "o2" },
            baseline with { Language = "csharp" },
            baseline with { Messages = [new ChatMessage("user", "hi")] },
            baseline with { Edits = ["@@ -0,0 +1 @@\n+x"] },
        ];

        // Act
        var ids = variants.Select(SampleId.ForContent).Append(SampleId.ForContent(baseline)).ToList();

        // Assert
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void ForBytes_SameBytes_EqualsHash()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes("{\"broken\": ");

        // Act + Assert
        Assert.Equal(SampleId.Hash(bytes), SampleId.ForBytes(bytes));
        Assert.Matches("^[0-9a-f]{32}$", SampleId.ForBytes(bytes));
    }

    [Fact]
    public void ForContent_Null_Throws()
    {
        // Arrange + Act
        var error = Record.Exception(() => SampleId.ForContent(null!));

        // Assert
        Assert.IsType<ArgumentNullException>(error);
    }
}
