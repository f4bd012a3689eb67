using System.Text.Json;
using System.Text.Json.Serialization;
using DataForge.Core.Steps;

namespace DataForge.Core.Records;

/// <summary>Lossless JSON form of records, used for spill files and cached step results.</summary>
public static class SampleJson
{
    /// <summary>
    /// Version of this JSON form, part of every step-result cache key: results cached in an older form
    /// (meta values as strings, version 1) are recomputed rather than read back with other types.
    /// </summary>
    public const int FormatVersion = 2;

    /// <summary>Serializes one record to UTF-8 JSON (one line: newlines inside strings are escaped).</summary>
    public static byte[] Serialize(Sample sample) => JsonSerializer.SerializeToUtf8Bytes(sample, SampleJsonContext.Default.Sample);

    /// <summary>Reads one record back.</summary>
    public static Sample Deserialize(ReadOnlySpan<byte> json)
        => JsonSerializer.Deserialize(json, SampleJsonContext.Default.Sample) ?? throw new JsonException("null record");

    /// <summary>Serializes a step's outcomes for one input (the unit of the step-result cache).</summary>
    public static byte[] SerializeOutcomes(IReadOnlyList<Outcome> outcomes)
    {
        var rows = outcomes.Select(o => new CachedOutcome(o.Sample, o.Verdict.Kept, o.Verdict.Reason, o.Verdict.IsError, o.Raw)).ToList();
        return JsonSerializer.SerializeToUtf8Bytes(rows, SampleJsonContext.Default.ListCachedOutcome);
    }

    /// <summary>Reads outcomes written by <see cref="SerializeOutcomes"/>.</summary>
    public static IReadOnlyList<Outcome> DeserializeOutcomes(ReadOnlySpan<byte> json)
    {
        var rows = JsonSerializer.Deserialize(json, SampleJsonContext.Default.ListCachedOutcome) ?? [];
        return [.. rows.Select(r => new Outcome(r.Sample, ToVerdict(r), r.Raw))];
    }

    private static Verdict ToVerdict(CachedOutcome r) => (r.Kept, r.Reason, r.IsError) switch
    {
        (true, null, _) => Verdict.Keep,
        (true, { } reason, _) => Verdict.KeepBecause(reason),
        (false, { } reason, true) => Verdict.Error(reason),
        (false, { } reason, false) => Verdict.Drop(reason),
        _ => throw new JsonException("cached outcome without a reason"),
    };
}

/// <summary>The cached form of one <see cref="Outcome"/>.</summary>
/// <param name="Sample">The record.</param>
/// <param name="Kept">Kept or dropped.</param>
/// <param name="Reason">The reason, if any.</param>
/// <param name="IsError">Error-class drop.</param>
/// <param name="Raw">Raw text of a reject.</param>
public sealed record CachedOutcome(Sample Sample, bool Kept, string? Reason, bool IsError, string? Raw);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Sample))]
[JsonSerializable(typeof(List<CachedOutcome>))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
