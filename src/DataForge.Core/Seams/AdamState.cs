namespace DataForge.Core.Seams;

/// <summary>
/// The AdamW state of a trainable model after the steps taken so far: what LESS needs to turn a
/// gradient into the optimizer's update direction, and to weight each checkpoint by its learning rate.
/// </summary>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="LearningRates">The learning rate of every step taken, in order (<see cref="Steps"/> values).</param>
/// <param name="ExpAvg">First moments (<c>exp_avg</c>), flattened in <see cref="ITrainableModel.TrainableParameters"/> order; zeros before the first step.</param>
/// <param name="ExpAvgSq">Second moments (<c>exp_avg_sq</c>), flattened in the same order.</param>
public sealed record AdamState(int Steps, IReadOnlyList<double> LearningRates, float[] ExpAvg, float[] ExpAvgSq);
