namespace DataForge.Generation.Novelty;

/// <summary>A candidate's similarity to the accepted set.</summary>
/// <param name="Max">The largest Rouge-L F against any accepted record (0 when none shares a token).</param>
/// <param name="Nearest">The nearest accepted records with F &gt; 0, in <see cref="Neighbour.Compare"/> order.</param>
internal sealed record NoveltyResult(double Max, IReadOnlyList<Neighbour> Nearest);
