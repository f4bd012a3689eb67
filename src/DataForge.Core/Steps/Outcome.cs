using DataForge.Core.Records;

namespace DataForge.Core.Steps;

/// <summary>What a step made of one input: a record and the verdict on it, plus the raw text behind a reject.</summary>
/// <param name="Sample">The record (for a reject: the record as it was dropped).</param>
/// <param name="Verdict">Keep, drop or error.</param>
/// <param name="Raw">For rejects: the raw input line or raw model output.</param>
public sealed record Outcome(Sample Sample, Verdict Verdict, string? Raw = null)
{
    /// <summary>A kept record.</summary>
    public static Outcome Keep(Sample sample) => new(sample, Verdict.Keep);

    /// <summary>A kept record with the reason a selection kept it (<c>kept_top_ic_ifd</c>).</summary>
    public static Outcome KeepBecause(Sample sample, string reason) => new(sample, Verdict.KeepBecause(reason));

    /// <summary>A record dropped for an algorithmic reason.</summary>
    public static Outcome Drop(Sample sample, string reason, string? raw = null) => new(sample, Verdict.Drop(reason), raw);

    /// <summary>A record rejected as an error.</summary>
    public static Outcome Error(Sample sample, string reason, string? raw = null) => new(sample, Verdict.Error(reason), raw);
}
