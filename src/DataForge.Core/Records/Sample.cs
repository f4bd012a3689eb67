using System.Collections.Immutable;
using System.Text.Json;

namespace DataForge.Core.Records;

/// <summary>
/// The one record type that flows through every pipeline. Immutable: steps return changed copies
/// made with <c>with</c>. Field meanings follow the Parquet columns of the run folder.
/// </summary>
public sealed record Sample
{
    /// <summary>Content hash, stable across runs (see <see cref="SampleId"/>).</summary>
    public required string Id { get; init; }

    /// <summary><see cref="SampleKinds.Instruction"/>, <see cref="SampleKinds.EditSequence"/> or <see cref="SampleKinds.Raw"/>.</summary>
    public string Kind { get; init; } = SampleKinds.Instruction;

    /// <summary>The task.</summary>
    public string? Instruction { get; init; }

    /// <summary>Optional input the task works on.</summary>
    public string? Input { get; init; }

    /// <summary>The answer; for code, the program.</summary>
    public string? Output { get; init; }

    /// <summary>A whole (multi-turn) conversation, when the source had one.</summary>
    public ImmutableArray<ChatMessage>? Messages { get; init; }

    /// <summary>Programming language of code records (<c>python</c>, <c>csharp</c>, ...).</summary>
    public string? Language { get; init; }

    /// <summary>Insertion-only unified diffs (LintSeq).</summary>
    public ImmutableArray<string>? Edits { get; init; }

    /// <summary>The record this one was derived from.</summary>
    public string? ParentId { get; init; }

    /// <summary>The seed at the root of this record's lineage.</summary>
    public string? RootId { get; init; }

    /// <summary>The operation that made this record from its parent.</summary>
    public string? Operation { get; init; }

    /// <summary>Evolution round; 0 for seeds.</summary>
    public int? Round { get; init; }

    /// <summary>Identity of the model that made the record.</summary>
    public string? Model { get; init; }

    /// <summary>Prompt template as <c>id@hash</c>.</summary>
    public string? PromptId { get; init; }

    /// <summary>JSON: ensemble candidates, their models and agreement scores.</summary>
    public string? Votes { get; init; }

    /// <summary>Named scores (<c>ifd</c>, <c>ic_ifd</c>, <c>less</c>, <c>s2l_cluster</c>, ...), sorted by name.</summary>
    public ImmutableSortedDictionary<string, double> Scores { get; init; } = ImmutableSortedDictionary<string, double>.Empty;

    /// <summary>
    /// Everything else that is deterministic (never timings), sorted by key: typed JSON values (strings,
    /// numbers, booleans, arrays, objects) made with <see cref="MetaValue"/>.
    /// </summary>
    public ImmutableSortedDictionary<string, JsonElement> Meta { get; init; } = ImmutableSortedDictionary<string, JsonElement>.Empty;

    /// <summary>Where the record came from: its seed's relative <c>file:line</c>, carried to every record derived from it.</summary>
    public string? Source { get; init; }

    /// <summary>Name of the <c>read</c> step its root record came from.</summary>
    public string? Origin { get; init; }

    /// <summary>The step that produced the record (in rejects: the step that dropped it).</summary>
    public string? Step { get; init; }

    /// <summary>Drop reason for rejects; selection reason for kept records where a selection decided.</summary>
    public string? Reason { get; init; }

    /// <summary>Rejects only: the raw input line or model output that was rejected.</summary>
    public string? Raw { get; init; }

    /// <summary>
    /// Partitioned runs only: the record's place in the stream a single-machine run would have at this
    /// step (fixed-width numbers, compared ordinally), so a merge can interleave partitions exactly.
    /// Never part of a cache key, never written to shards; null in unpartitioned runs.
    /// </summary>
    public string? Order { get; init; }

    /// <summary>Returns a copy with one more <see cref="Meta"/> entry (a string).</summary>
    public Sample WithMeta(string key, string value) => WithMeta(key, MetaValue.Of(value));

    /// <summary>Returns a copy with one more <see cref="Meta"/> entry (an integer).</summary>
    public Sample WithMeta(string key, long value) => WithMeta(key, MetaValue.Of(value));

    /// <summary>Returns a copy with one more <see cref="Meta"/> entry (a number).</summary>
    public Sample WithMeta(string key, double value) => WithMeta(key, MetaValue.Of(value));

    /// <summary>Returns a copy with one more <see cref="Meta"/> entry (a boolean).</summary>
    public Sample WithMeta(string key, bool value) => WithMeta(key, MetaValue.Of(value));

    /// <summary>Returns a copy with one more <see cref="Meta"/> entry (any JSON value); this record itself when the entry is already there.</summary>
    public Sample WithMeta(string key, JsonElement value)
        => Meta.TryGetValue(key, out var old) && MetaValue.Same(old, value) ? this : this with { Meta = Meta.SetItem(key, value) };

    /// <summary>Returns a copy with one more <see cref="Meta"/> entry given as JSON text (an array or object).</summary>
    public Sample WithMetaJson(string key, string json) => WithMeta(key, MetaValue.Parse(json));

    /// <summary>A <see cref="Meta"/> entry as text (<see cref="MetaValue.Text"/>), or null when absent.</summary>
    public string? MetaText(string key) => Meta.TryGetValue(key, out var value) ? MetaValue.Text(value) : null;

    /// <summary>Returns a copy with one more score.</summary>
    public Sample WithScore(string name, double value) => this with { Scores = Scores.SetItem(name, value) };
}
