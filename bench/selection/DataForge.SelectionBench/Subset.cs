namespace DataForge.SelectionBench;

/// <summary>One selected subset: who chose it, the records, and how long the choosing took.</summary>
/// <param name="Name">Row label (<c>random 1</c>, <c>IFD</c>, …).</param>
/// <param name="Records">The selected records.</param>
/// <param name="SelectionSeconds">Wall time of the selection steps (the manifest's timings), or of the draw.</param>
/// <param name="IsRandom">A random draw (part of the noise floor).</param>
internal sealed record Subset(string Name, IReadOnlyList<PoolRecord> Records, double SelectionSeconds, bool IsRandom);
