using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DataForge.Core.Steps;

namespace DataForge.Core.Review;

/// <summary>
/// The review verdicts a run honours (docs/verdicts.md): at most one per record id, the last one
/// given for an id winning. Immutable and safe to share between steps.
/// </summary>
/// <remarks>
/// The engine applies them to every kept outcome (<see cref="Apply"/>): a rejected record is
/// dropped with <see cref="RejectedReason"/> wherever it is emitted first, a flagged one carries
/// <see cref="FlagMeta"/>. Selection steps keep accepted (pinned) records (<see cref="IsAccepted"/>,
/// through <see cref="StepContext.IsPinned"/>) with <see cref="AcceptedReason"/>, and count them in
/// their budget first.
/// </remarks>
public sealed class ReviewVerdicts
{
    /// <summary>The drop reason of a rejected record (an algorithmic drop, never an error).</summary>
    public const string RejectedReason = "reviewer_rejected";

    /// <summary>The reason a selection step keeps an accepted record with.</summary>
    public const string AcceptedReason = "kept_reviewer_accepted";

    /// <summary>Meta key of a rejected record: the verdict's note.</summary>
    public const string NoteMeta = "review_note";

    /// <summary>Meta key of a rejected record: who rejected it.</summary>
    public const string ReviewerMeta = "reviewer";

    /// <summary>Meta key of a flagged record: the verdict's note, or <see cref="FlaggedWithoutNote"/>.</summary>
    public const string FlagMeta = "review_flag";

    /// <summary>The value of <see cref="FlagMeta"/> when the flag has no note.</summary>
    public const string FlaggedWithoutNote = "flagged";

    private readonly FrozenDictionary<string, ReviewVerdict> _byId;

    private ReviewVerdicts(FrozenDictionary<string, ReviewVerdict> byId)
    {
        _byId = byId;
        All = [.. byId.Values.OrderBy(v => v.Id, StringComparer.Ordinal)];
        AcceptCount = All.Count(v => v.Kind == ReviewVerdictKind.Accept);
        RejectCount = All.Count(v => v.Kind == ReviewVerdictKind.Reject);
        FlagCount = All.Count(v => v.Kind == ReviewVerdictKind.Flag);
        ContentHash = Hash(All);
    }

    /// <summary>No verdicts.</summary>
    public static ReviewVerdicts Empty { get; } = new(FrozenDictionary<string, ReviewVerdict>.Empty);

    /// <summary>The verdicts in force, one per id, sorted by id.</summary>
    public IReadOnlyList<ReviewVerdict> All { get; }

    /// <summary>Number of records with a verdict.</summary>
    public int Count => All.Count;

    /// <summary>True when there is no verdict.</summary>
    public bool IsEmpty => All.Count == 0;

    /// <summary>Records accepted (pinned through selections).</summary>
    public int AcceptCount { get; }

    /// <summary>Records rejected.</summary>
    public int RejectCount { get; }

    /// <summary>Records flagged.</summary>
    public int FlagCount { get; }

    /// <summary>
    /// Lower-case hex SHA-256 of the verdicts in force (id, verdict, note, reviewer; not <c>at</c>), so
    /// the same decisions give the same hash however often they were written down.
    /// </summary>
    public string ContentHash { get; }

    /// <summary>The verdicts in order of writing: for each id the last one wins.</summary>
    public static ReviewVerdicts From(IEnumerable<ReviewVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var byId = new Dictionary<string, ReviewVerdict>(StringComparer.Ordinal);
        foreach (var verdict in verdicts)
        {
            ArgumentNullException.ThrowIfNull(verdict);
            ArgumentException.ThrowIfNullOrWhiteSpace(verdict.Id, nameof(verdicts));
            byId[verdict.Id] = verdict;
        }

        return byId.Count == 0 ? Empty : new ReviewVerdicts(byId.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The verdict in force for <paramref name="recordId"/>, or null.</summary>
    public ReviewVerdict? Find(string recordId) => _byId.GetValueOrDefault(recordId);

    /// <summary>True when the record is accepted (pinned through selection steps).</summary>
    public bool IsAccepted(string recordId) => _byId.TryGetValue(recordId, out var verdict) && verdict.Kind == ReviewVerdictKind.Accept;

    /// <summary>
    /// A kept outcome as the verdicts make it: a rejected record becomes a drop with
    /// <see cref="RejectedReason"/> (meta <see cref="NoteMeta"/> and <see cref="ReviewerMeta"/> where given),
    /// a flagged one gains <see cref="FlagMeta"/> (idempotent). Drops, accepted and unreviewed records are returned as they are.
    /// </summary>
    public Outcome Apply(Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!outcome.Verdict.Kept || Find(outcome.Sample.Id) is not { } verdict)
        {
            return outcome;
        }

        var sample = outcome.Sample;
        switch (verdict.Kind)
        {
            case ReviewVerdictKind.Reject:
                sample = verdict.Note is { } note ? sample.WithMeta(NoteMeta, note) : sample;
                sample = verdict.Reviewer is { } reviewer ? sample.WithMeta(ReviewerMeta, reviewer) : sample;
                return Outcome.Drop(sample, RejectedReason, outcome.Raw);
            case ReviewVerdictKind.Flag:
                return outcome with { Sample = sample.WithMeta(FlagMeta, verdict.Note ?? FlaggedWithoutNote) };
            default:
                return outcome;
        }
    }

    private static string Hash(IReadOnlyList<ReviewVerdict> verdicts)
    {
        var text = new StringBuilder();
        foreach (var v in verdicts)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Field(v.Id)}\t{v.Kind}\t{Field(v.Note)}\t{Field(v.Reviewer)}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // Length-prefixed, so no note can forge another verdict's fields; null ("-1:") differs from "".
    private static string Field(string? value) => string.Create(CultureInfo.InvariantCulture, $"{value?.Length ?? -1}:{value}");
}
