using System.Globalization;

namespace DataForge.Core.Steps;

/// <summary>How far a long step is within one phase of its work (a barrier's training, warm-up, feature extraction, generation round).</summary>
/// <param name="Phase">What the step is doing, in a few words (<c>proxy training</c>, <c>LESS warm-up</c>, ...).</param>
/// <param name="Done">Units done in this phase (steps, batches, records).</param>
/// <param name="Total">Units in this phase.</param>
public sealed record StepProgress(string Phase, long Done, long Total)
{
    /// <summary>The progress as the live table and the plain progress lines show it: <c>phase done/total</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Phase} {Done}/{Total}");
}
