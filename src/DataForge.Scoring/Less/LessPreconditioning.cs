namespace DataForge.Scoring.Less;

/// <summary>How a candidate's gradient becomes Adam's update direction Γ (docs/algorithms.md#less).</summary>
public enum LessPreconditioning
{
    /// <summary>
    /// The reference code (the default): <c>m' = β1·m + (1−β1)·g</c>, <c>v' = β2·v + (1−β2)·g²</c>,
    /// <c>Γ = m' / √(v' + ε)</c>, no bias correction, ε inside the root.
    /// </summary>
    Reference,

    /// <summary>
    /// The paper: m' and v' as above, divided by <c>1 − β1^t</c> and <c>1 − β2^t</c> with t the step the
    /// update would be (steps taken + 1), then <c>Γ = m̂ / (√v̂ + ε)</c>.
    /// </summary>
    Paper,
}
