namespace DataForge.Storage.Store;

/// <summary>One step's counts in one run attempt.</summary>
/// <param name="Step">Step name.</param>
/// <param name="Received">Records received.</param>
/// <param name="Emitted">Records kept.</param>
/// <param name="Computed">Results computed in this attempt.</param>
/// <param name="CacheHits">Results taken from the store.</param>
public sealed record StepLedgerEntry(string Step, long Received, long Emitted, long Computed, long CacheHits);
