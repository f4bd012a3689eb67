namespace DataForge.Models.Torch.Inference;

/// <summary>Log-probabilities from one row of logits, for the backends that sample or score on the CPU.</summary>
public static class LogSoftmax
{
    /// <summary>The natural-log softmax of <paramref name="logits"/> at <paramref name="index"/>, summed in double in index order.</summary>
    public static double At(ReadOnlySpan<float> logits, int index)
    {
        var max = double.NegativeInfinity;
        foreach (var x in logits)
        {
            max = Math.Max(max, x);
        }

        var sum = 0.0;
        foreach (var x in logits)
        {
            sum += Math.Exp(x - max);
        }

        return logits[index] - max - Math.Log(sum);
    }
}
