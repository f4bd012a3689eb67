namespace DataForge.Scoring;

/// <summary>How a record becomes the user turn of a training example (S2L proxy training, LESS warm-up and gradients).</summary>
internal static class TaskText
{
    /// <summary>The instruction, then a blank line and the input when there is one (the conversation form the embedded model was trained on).</summary>
    public static string UserTurn(string? instruction, string? input)
        => string.IsNullOrEmpty(input) ? instruction ?? "" : $"{instruction}\n\n{input}";
}
