using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Core.Steps;
using Xunit;

namespace DataForge.Core.Tests.Records;

public sealed class SampleJsonTests
{
    private static readonly Sample Full = new()
    {
        Id = "0123456789abcdef0123456789abcdef",
        Kind = SampleKinds.EditSequence,
        Instruction = "Write \"hello\"\nin Python",
        Input = "line1\r\nline2\ttab",
        Output = "print('hello') # ünïcödé ✓ 🚀",
        Messages = [new ChatMessage("system", "be brief"), new ChatMessage("user", "hi"), new ChatMessage("assistant", "hello")],
        Language = "python",
        Edits = ["@@ -0,0 +1 @@\n+import sys", "@@ -1 +1,2 @@\n import sys\n+print('hello')"],
        ParentId = "parent",
        RootId = "root",
        Operation = "deepen",
        Round = 2,
        Model = "tiny@abc",
        PromptId = "evol-deepen@1234",
        Votes = "[{\"model\":\"a\",\"score\":0.5}]",
        Scores = ImmutableSortedDictionary<string, double>.Empty.Add("ifd", 0.1).Add("less", -1.5e-7).Add("s2l_cluster", 3),
        Meta = ImmutableSortedDictionary<string, JsonElement>.Empty.Add("tokens", MetaValue.Of(12)).Add("z", MetaValue.Of("")).Add("a b", MetaValue.Of("c\u0000d"))
            .Add("losses", MetaValue.Parse("{\"conditioned\":[1.5,2],\"flag\":true}")),
        Source = "seeds/x.jsonl:3",
        Origin = "read_seeds",
        Step = "evol",
        Reason = "top_k",
        Raw = "raw model output\n",
    };

    [Fact]
    public void Serialize_FullyPopulatedSample_RoundTripsToIdenticalBytes()
    {
        // Arrange
        var bytes = SampleJson.Serialize(Full);

        // Act
        var again = SampleJson.Serialize(SampleJson.Deserialize(bytes));

        // Assert
        Assert.Equal(bytes, again);
    }

    [Fact]
    public void Deserialize_FullyPopulatedSample_RestoresEveryField()
    {
        // Arrange + Act
        var back = SampleJson.Deserialize(SampleJson.Serialize(Full));

        // Assert
        Assert.Equal(Full.Messages, back.Messages!.Value.AsEnumerable());
        Assert.Equal(Full.Edits, back.Edits!.Value.AsEnumerable());
        Assert.Equal(Full.Scores, back.Scores);
        Assert.Equal(Full.Meta.Keys, back.Meta.Keys);
        Assert.All(Full.Meta, kv => Assert.True(MetaValue.Same(kv.Value, back.Meta[kv.Key]), kv.Key));
        Assert.Equal(JsonValueKind.Number, back.Meta["tokens"].ValueKind);
        Assert.Equal(JsonValueKind.Object, back.Meta["losses"].ValueKind);
        Assert.Equal(Full with { Messages = back.Messages, Edits = back.Edits, Scores = back.Scores, Meta = back.Meta }, back);
    }

    [Fact]
    public void Serialize_Sample_UsesSnakeCaseOnOneLineWithoutNulls()
    {
        // Arrange
        var sparse = new Sample { Id = "x", ParentId = "p", PromptId = "t@1" };

        // Act
        var full = Encoding.UTF8.GetString(SampleJson.Serialize(Full));
        var text = Encoding.UTF8.GetString(SampleJson.Serialize(sparse));

        // Assert
        Assert.DoesNotContain('\n', full);
        Assert.Contains("\"parent_id\":\"p\"", text);
        Assert.Contains("\"prompt_id\":\"t@1\"", text);
        Assert.DoesNotContain("\"instruction\":", text);
        Assert.DoesNotContain("null", text);
    }

    [Fact]
    public void SerializeOutcomes_EveryVerdictKind_RoundTrips()
    {
        // Arrange
        var s = new Sample { Id = "x", Output = "o" };
        Outcome[] outcomes =
        [
            Outcome.Keep(s),
            new(s, Verdict.KeepBecause("top_k")),
            Outcome.Drop(s, "duplicate"),
            Outcome.Error(s, "parse_failed", raw: "{not json"),
        ];

        // Act
        var back = SampleJson.DeserializeOutcomes(SampleJson.SerializeOutcomes(outcomes));

        // Assert
        Assert.Equal(outcomes.Select(o => (o.Verdict, o.Raw)), back.Select(o => (o.Verdict, o.Raw)));
        Assert.Equal(SampleJson.SerializeOutcomes(outcomes), SampleJson.SerializeOutcomes(back));
    }

    [Fact]
    public void Deserialize_JsonNull_Throws()
    {
        // Arrange + Act
        var error = Record.Exception(() => SampleJson.Deserialize("null"u8));

        // Assert
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error);
    }
}
