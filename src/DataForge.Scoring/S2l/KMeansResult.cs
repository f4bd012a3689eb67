namespace DataForge.Scoring.S2l;

/// <summary>What <see cref="KMeans.Fit"/> found.</summary>
/// <param name="Assignments">Cluster id of each row (dense, numbered by first appearance in row order).</param>
/// <param name="Centroids">Centroid of each cluster id.</param>
internal sealed record KMeansResult(int[] Assignments, double[][] Centroids)
{
    /// <summary>Number of clusters.</summary>
    public int Count => Centroids.Length;
}
