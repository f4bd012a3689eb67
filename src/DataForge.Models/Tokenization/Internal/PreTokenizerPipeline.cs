namespace DataForge.Models.Tokenization.Internal;

/// <summary>The pre-tokenizer stages of a <c>tokenizer.json</c>, applied in order to each ordinary segment.</summary>
internal sealed class PreTokenizerPipeline(IReadOnlyList<PreTokenizerStep> steps)
{
    public IReadOnlyList<PreTokenizerStep> Steps { get; } = steps;

    /// <summary>Cuts <paramref name="length"/> chars of <paramref name="text"/> from <paramref name="start"/> into words.</summary>
    public List<Piece> Split(string text, int start, int length)
    {
        var pieces = new List<Piece> { new(start, length, PrefixSpace: false) };
        foreach (var step in Steps)
        {
            var next = new List<Piece>(pieces.Count * 2);
            foreach (var piece in pieces)
            {
                step.Apply(text, piece, next);
            }

            pieces = next;
        }

        return pieces;
    }
}
