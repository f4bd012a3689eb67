using System.Collections.Immutable;
using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Storage.Readers;

/// <summary>Builds the error outcomes of input that never became a record (<c>kind = raw</c>).</summary>
internal static class Rejects
{
    /// <summary>A reject whose id is the hash of <paramref name="rawBytes"/>.</summary>
    public static Outcome Create(string reason, string detail, ReadOnlySpan<byte> rawBytes, string source, string? origin)
        => Create(reason, detail, SampleId.ForBytes(rawBytes), RawText.From(rawBytes), source, origin);

    /// <summary>A reject with a given id (the hash of bytes no longer held whole) and raw text.</summary>
    public static Outcome Create(string reason, string detail, string id, RawText raw, string source, string? origin)
    {
        var meta = ImmutableSortedDictionary<string, JsonElement>.Empty.SetItem("detail", MetaValue.Of(detail));
        if (raw.IsBase64)
        {
            meta = meta.SetItem("raw_encoding", MetaValue.Of("base64"));
        }

        if (raw.IsTruncated)
        {
            meta = meta.SetItem("raw_truncated", MetaValue.Of(true));
        }

        var sample = new Sample { Id = id, Kind = SampleKinds.Raw, Source = source, Origin = origin, Meta = meta };
        return Outcome.Error(sample, reason, raw.Text);
    }

    /// <summary>The one reject of a data file with no content.</summary>
    public static Outcome EmptyFile(InputFile file, string? origin)
        => Create(ReadReasons.EmptyFile, "line 1: the file is empty (no bytes, or only whitespace)", [], file.SourceAt(1), origin);
}
