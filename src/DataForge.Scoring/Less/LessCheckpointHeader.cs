namespace DataForge.Scoring.Less;

/// <summary>The JSON header beside one checkpoint's feature matrix in a <see cref="LessDatastore"/>.</summary>
/// <param name="Key">The datastore key: a hash of everything that decides the features.</param>
/// <param name="Checkpoint">1-based checkpoint (warm-up epoch).</param>
/// <param name="Rows">Candidates, one row each, in input order.</param>
/// <param name="Dimension">Values per row (the projection dimension).</param>
/// <param name="Model">Identity of the base model.</param>
/// <param name="Steps">Optimizer steps taken when the features were computed.</param>
/// <param name="MeanLearningRate">The epoch's mean learning rate (its weight before normalisation).</param>
/// <param name="Settings">The settings the key hashes, as text, for people reading the folder.</param>
public sealed record LessCheckpointHeader(string Key, int Checkpoint, int Rows, int Dimension, string Model, int Steps, double MeanLearningRate, string Settings)
{
    /// <summary>The file format: little-endian float32, row-major, unit-length rows (zeros: no feature).</summary>
    public string Format { get; init; } = "f32le-rows-v1";
}
