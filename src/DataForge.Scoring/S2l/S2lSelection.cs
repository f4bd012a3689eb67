namespace DataForge.Scoring.S2l;

/// <summary>What <see cref="S2lSampler.Select"/> decided for each row of the pool.</summary>
/// <param name="Clusters">Cluster id of each row, unique across strata.</param>
/// <param name="Selected">True for each row in the subset.</param>
/// <param name="Shortfall">Budget left unfilled because the pool (or a stratum) had too few rows.</param>
internal sealed record S2lSelection(int[] Clusters, bool[] Selected, int Shortfall);
