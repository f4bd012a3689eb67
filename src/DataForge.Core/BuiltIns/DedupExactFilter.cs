using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.BuiltIns;

/// <summary>Drops records whose normalized text was already seen. Streams: only a compact index of 64-bit hashes is kept.</summary>
/// <remarks>
/// Input fields: instruction, input, output, messages. Output fields: none.
/// Drop reasons: <c>duplicate</c> (the first occurrence in stream order is kept).
/// Options: see <see cref="DedupExactOptions"/>. Normalization: lower case, trimmed, whitespace runs collapsed.
/// With 64-bit hashes, the chance of any false duplicate among a million distinct records is about 3e-8.
/// </remarks>
public sealed class DedupExactFilter : FilterStep
{
    private readonly CompactHashSet _seen;

    /// <summary>Creates the filter.</summary>
    public DedupExactFilter(DedupExactOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionSchema.Validate(options);
        _seen = new CompactHashSet(options.ExpectedRecords);
    }

    /// <summary>The <c>dedup-exact</c> step type.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<DedupExactFilter, DedupExactOptions>(
        "dedup-exact",
        "Drops records whose normalized text was seen before (streaming, 64-bit hash index).",
        StepContract.Filter(["instruction", "input", "output", "messages"], ["duplicate"]),
        (options, _) => new DedupExactFilter(options));

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <summary>The index is shared state: records must arrive one at a time, in order.</summary>
    public override int? MaxParallelism => 1;

    /// <inheritdoc/>
    protected override Verdict Keep(Sample sample, StepContext context)
    {
        var normalized = TextNormalizer.Normalize(TextNormalizer.RecordText(sample));
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(normalized), digest);
        return _seen.Add(BinaryPrimitives.ReadUInt64LittleEndian(digest)) ? Verdict.Keep : Verdict.Drop("duplicate");
    }
}

/// <summary>Options of <see cref="DedupExactFilter"/>.</summary>
public sealed record DedupExactOptions
{
    /// <summary>The defaults.</summary>
    public static DedupExactOptions Default { get; } = new();

    /// <summary>How many distinct records to size the index for (16 MB at the default); it grows past that if needed.</summary>
    [Option("expected_records", "pre-sizes the hash index", Min = 1, AffectsResult = false)] public long ExpectedRecords { get; init; } = 1_000_000;
}
