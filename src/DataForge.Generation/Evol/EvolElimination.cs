namespace DataForge.Generation.Evol;

/// <summary>Which rules decide that an evolution failed.</summary>
public enum EvolElimination
{
    /// <summary>The WizardLM paper's four rules: judged equal, short "sorry" answer, only stop words, copied markers.</summary>
    Paper,

    /// <summary>The h2o-wizardlm string rules on the evolved prompt (no judge call).</summary>
    H2o,
}
