namespace DataForge.Core.Review;

/// <summary>One reviewer's verdict on one record (a line of a verdicts file, docs/verdicts.md).</summary>
/// <param name="Id">The record's id (<see cref="Records.Sample.Id"/>).</param>
/// <param name="Kind">Accept, reject or flag.</param>
/// <param name="Note">Why; goes into the record's meta (<c>review_note</c> of a reject, <c>review_flag</c> of a flag).</param>
/// <param name="Reviewer">Who decided; goes into a reject's meta (<c>reviewer</c>).</param>
/// <param name="At">When it was decided (UTC); informational only.</param>
public sealed record ReviewVerdict(string Id, ReviewVerdictKind Kind, string? Note = null, string? Reviewer = null, DateTimeOffset? At = null);
