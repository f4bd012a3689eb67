using DataForge.Core.Records;

namespace DataForge.Core.Tests.Fakes;

/// <summary>Small, distinct records for engine and step tests.</summary>
internal static class TestSamples
{
    public static Sample Make(int index) => WithId(new Sample { Id = "", Instruction = $"instruction {index}", Output = $"output {index}", Meta = ImmutableMeta("index", index) });

    public static IReadOnlyList<Sample> Range(int count) => [.. Enumerable.Range(0, count).Select(Make)];

    public static Sample WithId(Sample sample) => sample with { Id = SampleId.ForContent(sample) };

    public static int IndexOf(Sample sample) => sample.Meta["index"].GetInt32();

    private static System.Collections.Immutable.ImmutableSortedDictionary<string, System.Text.Json.JsonElement> ImmutableMeta(string key, int value)
        => System.Collections.Immutable.ImmutableSortedDictionary<string, System.Text.Json.JsonElement>.Empty.Add(key, MetaValue.Of(value));
}
