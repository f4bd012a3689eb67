using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.BuiltIns;

/// <summary>Drops records whose normalized text was already seen. Streams: only a compact index of 64-bit hashes is kept.</summary>
/// <remarks>
/// Input fields: instruction, input, output, messages. Output fields: none.
/// Drop reasons: <c>duplicate</c> (the first occurrence in stream order is kept).
/// Options: <c>expected_records</c> (1000000). Normalization: lower case, trimmed, whitespace runs collapsed.
/// With 64-bit hashes, the chance of any false duplicate among a million distinct records is about 3e-8.
/// </remarks>
public sealed class DedupExactFilter : FilterStep
{
    private readonly CompactHashSet _seen;

    /// <summary>Creates the filter.</summary>
    public DedupExactFilter(DedupExactOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _seen = new CompactHashSet(options.ExpectedRecords);
    }

    /// <inheritdoc/>
    public override StepContract Contract { get; } = StepContract.Filter(["instruction", "input", "output", "messages"], ["duplicate"]);

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
