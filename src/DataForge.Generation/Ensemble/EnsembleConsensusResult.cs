using System.Buffers;
using System.Text;
using System.Text.Json;

namespace DataForge.Generation.Ensemble;

/// <summary>What the consensus rule made of one set of candidates: every candidate, the scores, and the winner or why there is none.</summary>
/// <param name="Candidates">The candidates, in vote order (the generator's output first).</param>
/// <param name="Pairs">Rouge-L F of every pair of normalized outputs, (0,1), (0,2), ..., (1,2), ...</param>
/// <param name="Scores">Per candidate: the sum of its pairwise F against all the others.</param>
/// <param name="Winner">Index of the kept candidate; null when there is no consensus.</param>
/// <param name="Method"><see cref="ExactMatch"/>, <see cref="RougeL"/> or <see cref="None"/>.</param>
/// <param name="Threshold">The minimum pairwise F had to be above this for a Rouge-L winner.</param>
public sealed record EnsembleConsensusResult(
    IReadOnlyList<EnsembleCandidate> Candidates,
    IReadOnlyList<EnsemblePairScore> Pairs,
    IReadOnlyList<double> Scores,
    int? Winner,
    string Method,
    double Threshold)
{
    /// <summary><see cref="Method"/> when two or more normalized outputs were identical.</summary>
    public const string ExactMatch = "exact_match";

    /// <summary><see cref="Method"/> when the highest summed Rouge-L decided.</summary>
    public const string RougeL = "rouge_l";

    /// <summary><see cref="Method"/> when nothing was kept.</summary>
    public const string None = "none";

    /// <summary>The drop reason of a record without consensus.</summary>
    public const string NoConsensusReason = "no_consensus";

    /// <summary>The drop reason of a candidate that lost the vote.</summary>
    public const string MinorityReason = "vote_minority";

    /// <summary>The smallest pairwise F (0 when there are no pairs).</summary>
    public double MinPairwise => Pairs.Count == 0 ? 0 : Pairs.Min(p => p.F);

    /// <summary><see cref="NoConsensusReason"/> when there is no winner; otherwise null.</summary>
    public string? Reason => Winner is null ? NoConsensusReason : null;

    /// <summary>The kept candidate, or null.</summary>
    public EnsembleCandidate? WinningCandidate => Winner is { } w ? Candidates[w] : null;

    /// <summary>
    /// The <c>votes</c> JSON: <c>{"method", "winner", "threshold", "min_pairwise", "candidates": [{"model", "output", "score"}],
    /// "pairwise": [{"a", "b", "f"}]}</c>; <c>winner</c> is the candidate index or null.
    /// </summary>
    public string ToVotesJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("method", Method);
            WriteWinner(writer);
            writer.WriteNumber("threshold", Threshold);
            writer.WriteNumber("min_pairwise", MinPairwise);
            WriteCandidates(writer);
            WritePairs(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteWinner(Utf8JsonWriter writer)
    {
        if (Winner is { } winner)
        {
            writer.WriteNumber("winner", winner);
        }
        else
        {
            writer.WriteNull("winner");
        }
    }

    private void WriteCandidates(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("candidates");
        for (var i = 0; i < Candidates.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("model", Candidates[i].Model);
            writer.WriteString("output", Candidates[i].Output);
            writer.WriteNumber("score", Scores[i]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private void WritePairs(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("pairwise");
        foreach (var pair in Pairs)
        {
            writer.WriteStartObject();
            writer.WriteNumber("a", pair.First);
            writer.WriteNumber("b", pair.Second);
            writer.WriteNumber("f", pair.F);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
