using System.Collections.Immutable;
using DataForge.Core.Records;

namespace DataForge.Storage.Readers;

/// <summary>Builds the seed records the readers emit.</summary>
internal static class SampleFactory
{
    /// <summary>The <see cref="Sample.Meta"/> key of the input fields no record field is read from (never part of the id).</summary>
    public const string ExtraKey = "extra";

    /// <summary>A round-0 instruction record whose id (and root id) is its content hash.</summary>
    public static Sample Create(string instruction, string? input, string? output, ImmutableArray<ChatMessage>? messages, string? language, string source, string? origin)
    {
        var sample = new Sample
        {
            Id = string.Empty,
            Kind = SampleKinds.Instruction,
            Instruction = instruction,
            Input = input,
            Output = output,
            Messages = messages,
            Language = language,
            Round = 0,
            Source = source,
            Origin = origin,
        };
        var id = SampleId.ForContent(sample);
        return sample with { Id = id, RootId = id };
    }
}
