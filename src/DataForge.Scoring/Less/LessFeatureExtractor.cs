using DataForge.Core.Seams;

namespace DataForge.Scoring.Less;

/// <summary>
/// LESS's gradient features (docs/algorithms.md#less): per-example gradients of the trainable
/// (LoRA) parameters, Adam-preconditioned for candidates and plain for targets, randomly projected
/// and scaled to unit length.
/// </summary>
/// <remarks>
/// The gradients are taken one example at a time (the model's <see cref="ITrainableModel.Gradients"/>
/// runs a backward pass per example, as the reference's batch size of 1 does) and projected
/// together, one call's worth at a time. An example whose gradient is not finite (its response was
/// cut away by the maximum length, so its mean loss is 0/0) gets a row of zeros, which callers treat
/// as "no feature". The Adam constants are the reference's hard-coded ones.
/// </remarks>
public sealed class LessFeatureExtractor
{
    /// <summary>Adam β₁.</summary>
    public const double Beta1 = 0.9;

    /// <summary>Adam β₂.</summary>
    public const double Beta2 = 0.999;

    /// <summary>Adam ε.</summary>
    public const double Epsilon = 1e-8;

    /// <summary>Creates an extractor.</summary>
    /// <param name="projector">The random projection (its dimension is the feature length).</param>
    /// <param name="preconditioning">The form of the candidates' Adam direction.</param>
    public LessFeatureExtractor(RademacherProjector projector, LessPreconditioning preconditioning = LessPreconditioning.Reference)
    {
        Projector = projector ?? throw new ArgumentNullException(nameof(projector));
        Preconditioning = preconditioning;
    }

    /// <summary>The projection.</summary>
    public RademacherProjector Projector { get; }

    /// <summary>The candidates' Adam direction form.</summary>
    public LessPreconditioning Preconditioning { get; }

    /// <summary>Unit-length projected Adam directions Γ of candidate examples under the model's current weights and moments.</summary>
    public float[][] Candidates(ITrainableModel model, IReadOnlyList<TrainingExample> examples, AdamState moments)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(moments);
        var gradients = Gradients(model, examples);
        foreach (var gradient in gradients)
        {
            AdamDirection(gradient, moments, Preconditioning);
        }

        return Finish(gradients);
    }

    /// <summary>Unit-length projected plain gradients of target examples under the model's current weights.</summary>
    public float[][] Targets(ITrainableModel model, IReadOnlyList<TrainingExample> examples)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Finish(Gradients(model, examples));
    }

    /// <summary>Turns a gradient into Adam's update direction, in place (a zero gradient, marking "none", stays zero).</summary>
    public static void AdamDirection(float[] gradient, AdamState moments, LessPreconditioning form)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(moments);
        if (moments.ExpAvg.Length != gradient.Length || moments.ExpAvgSq.Length != gradient.Length)
        {
            throw new ArgumentException($"the moments hold {moments.ExpAvg.Length} values for a gradient of {gradient.Length}", nameof(moments));
        }

        if (Array.TrueForAll(gradient, g => g == 0))
        {
            return;
        }

        var t = moments.Steps + 1;
        var (correction1, correction2) = form == LessPreconditioning.Paper ? (1 - Math.Pow(Beta1, t), 1 - Math.Pow(Beta2, t)) : (1.0, 1.0);
        for (var i = 0; i < gradient.Length; i++)
        {
            double g = gradient[i];
            var m = ((Beta1 * moments.ExpAvg[i]) + ((1 - Beta1) * g)) / correction1;
            var v = ((Beta2 * moments.ExpAvgSq[i]) + ((1 - Beta2) * g * g)) / correction2;
            gradient[i] = (float)(form == LessPreconditioning.Paper ? m / (Math.Sqrt(v) + Epsilon) : m / Math.Sqrt(v + Epsilon));
        }
    }

    /// <summary>Scales a row to unit Euclidean length; false (and the row left as it is) when its length is 0.</summary>
    public static bool Normalize(Span<float> row)
    {
        double sum = 0;
        foreach (var x in row)
        {
            sum += (double)x * x;
        }

        if (sum == 0)
        {
            return false;
        }

        var scale = 1 / Math.Sqrt(sum);
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = (float)(row[i] * scale);
        }

        return true;
    }

    // The model's gradients, with any non-finite one replaced by zeros (no feature).
    private static List<float[]> Gradients(ITrainableModel model, IReadOnlyList<TrainingExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var gradients = model.Gradients(examples).ToList();
        foreach (var gradient in gradients.Where(g => !Array.TrueForAll(g, float.IsFinite)))
        {
            Array.Clear(gradient);
        }

        return gradients;
    }

    private float[][] Finish(List<float[]> gradients)
    {
        var rows = Projector.Project(gradients);
        foreach (var row in rows)
        {
            Normalize(row);
        }

        return rows;
    }
}
