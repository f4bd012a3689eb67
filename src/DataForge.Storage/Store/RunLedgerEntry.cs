namespace DataForge.Storage.Store;

/// <summary>One attempt of a run as the ledger recorded it.</summary>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="Status"><c>running</c> (live, or crashed and not yet noticed), <c>crashed</c> (it never recorded its end; a later attempt noticed), <c>finished</c>, <c>too_many_errors</c>, <c>interrupted</c> or <c>failed</c>.</param>
/// <param name="Steps">Per-step counts (empty for an attempt that never finished).</param>
public sealed record RunLedgerEntry(int Attempt, string Status, IReadOnlyList<StepLedgerEntry> Steps);
