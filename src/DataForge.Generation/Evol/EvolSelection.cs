namespace DataForge.Generation.Evol;

/// <summary>How the operation of each (record, round) is chosen.</summary>
public enum EvolSelection
{
    /// <summary>A uniform draw from the step's seeded generator for (run seed, record id, round).</summary>
    Uniform,

    /// <summary>
    /// Deterministic rotation (docs/algorithms.md#evol-instruct): <c>ops[(i + round) mod n]</c>, where <c>i</c> is a
    /// number hashed from the root record's id (not its stream position, so order never matters).
    /// </summary>
    Rotation,
}
