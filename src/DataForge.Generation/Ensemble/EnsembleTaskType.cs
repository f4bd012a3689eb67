namespace DataForge.Generation.Ensemble;

/// <summary>The two Ensemble-Instruct task categories (docs/algorithms.md#ensemble-instruct), each with its own pool and templates.</summary>
public enum EnsembleTaskType
{
    /// <summary>Type A: the task needs an input, and an instance is an input plus an output.</summary>
    WithInput,

    /// <summary>Type B: the task needs no input, and an instance is an output only.</summary>
    OutputOnly,
}
