namespace DataForge.SelectionBench;

/// <summary>One selected subset: who chose it, at which budget, the records, and how long the choosing took.</summary>
/// <param name="Name">Row label (<c>random 1</c>, <c>IFD</c>, <c>full pool</c>, …).</param>
/// <param name="Budget">The budget's label (<c>5%</c>, <c>10%</c>, <c>100%</c>).</param>
/// <param name="Records">The selected records, with their truth.</param>
/// <param name="SelectionSeconds">Wall time of the selection steps (the manifest's timings), or of the draw.</param>
/// <param name="IsRandom">A random draw (part of the noise floor).</param>
internal sealed record Subset(string Name, string Budget, IReadOnlyList<PoolRecord> Records, double SelectionSeconds, bool IsRandom);
