namespace DataForge.Core.Records;

/// <summary>Distribution of one score.</summary>
/// <param name="Count">Records that have the score.</param>
/// <param name="Mean">Mean.</param>
/// <param name="P10">10th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
public sealed record ScoreSummary(long Count, double Mean, double P10, double P50, double P90);
