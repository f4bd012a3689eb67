namespace DataForge.Generation.Novelty;

/// <summary>One accepted record and its Rouge-L F against a candidate.</summary>
/// <param name="Id">The accepted record's id.</param>
/// <param name="Index">Its position among the accepted records (the last tie-breaker).</param>
/// <param name="F">The Rouge-L F.</param>
internal readonly record struct Neighbour(string Id, int Index, double F)
{
    /// <summary>The list order: F descending, then id (ordinal), then index.</summary>
    public static int Compare(Neighbour a, Neighbour b)
    {
        var byF = b.F.CompareTo(a.F);
        if (byF != 0)
        {
            return byF;
        }

        var byId = string.CompareOrdinal(a.Id, b.Id);
        return byId != 0 ? byId : a.Index.CompareTo(b.Index);
    }
}
