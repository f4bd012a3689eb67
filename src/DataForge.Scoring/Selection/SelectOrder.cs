namespace DataForge.Scoring.Selection;

/// <summary>The ranking order of <see cref="SelectStep"/>.</summary>
public enum SelectOrder
{
    /// <summary>Highest values first.</summary>
    Desc,

    /// <summary>Lowest values first.</summary>
    Asc,
}
