namespace DataForge.LintSeq.Languages.CSharp;

/// <summary>
/// Maps character positions to 0-based line indices of a text split on <c>\n</c> only, as the
/// sampler splits programs. Roslyn's own line numbers also break on <c>\r</c>, U+0085, U+2028 and
/// U+2029, so they can disagree with the sampler's; this map never does.
/// </summary>
internal sealed class LineMap
{
    private readonly int[] _starts;

    /// <summary>Builds the map for <paramref name="text"/>.</summary>
    public LineMap(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _starts = [.. starts];
        TextLength = text.Length;
    }

    /// <summary>Number of lines (a trailing <c>\n</c> gives a final empty line).</summary>
    public int LineCount => _starts.Length;

    /// <summary>Length of the mapped text.</summary>
    public int TextLength { get; }

    /// <summary>The 0-based line holding <paramref name="position"/> (clamped to the text).</summary>
    public int LineOf(int position)
    {
        var index = Array.BinarySearch(_starts, Math.Clamp(position, 0, TextLength));
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>The position where <paramref name="line"/> starts.</summary>
    public int StartOf(int line) => _starts[line];
}
