namespace DataForge.Scoring.Ifd;

/// <summary>The scores of one record, or why it has none.</summary>
/// <param name="Ifd">IFD.</param>
/// <param name="IcIfd">IC-IFD (NaN when not computed).</param>
/// <param name="ConditionedLoss">s(A|Q): mean loss of the answer tokens after the prompt.</param>
/// <param name="DirectLoss">s(A): mean loss of the same answer tokens alone.</param>
/// <param name="InstructionLoss">s(Q): mean loss of the instruction tokens (NaN when not computed).</param>
/// <param name="AnswerTokens">Answer tokens in the conditioned mean.</param>
/// <param name="Reason">Why the record has no score (snake_case), or null.</param>
public sealed record IfdValue(double Ifd, double IcIfd, double ConditionedLoss, double DirectLoss, double InstructionLoss, int AnswerTokens, string? Reason)
{
    /// <summary>True when the scores exist.</summary>
    public bool IsValid => Reason is null;

    /// <summary>A record without scores.</summary>
    public static IfdValue Invalid(string reason) => new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, reason);
}
