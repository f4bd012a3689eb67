namespace DataForge.Core.Review;

/// <summary>What a reviewer decided about one record (docs/verdicts.md).</summary>
public enum ReviewVerdictKind
{
    /// <summary>Keep the record through every selection step; it takes a budget slot first.</summary>
    Accept,

    /// <summary>Drop the record (reason <c>reviewer_rejected</c>) at the first step that emits it.</summary>
    Reject,

    /// <summary>Keep the record as it would be kept, marked with <c>meta.review_flag</c>.</summary>
    Flag,
}
