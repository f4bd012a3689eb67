using System.Text.RegularExpressions;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>One stage of a pre-tokenizer: it turns each piece into zero or more finer pieces.</summary>
internal abstract class PreTokenizerStep
{
    public abstract void Apply(string text, Piece piece, List<Piece> output);
}

/// <summary>
/// A <c>Split</c> with behaviour <c>Isolated</c>: every match and every gap between matches becomes
/// its own piece. The ByteLevel pre-tokenizer's regex and <c>Digits</c> are splits of this kind too.
/// </summary>
internal sealed class IsolatedSplitStep(Regex pattern) : PreTokenizerStep
{
    public override void Apply(string text, Piece piece, List<Piece> output)
    {
        // A piece with a virtual leading space is matched with that space in place, as Hugging Face does.
        var shift = piece.PrefixSpace ? 1 : 0;
        var subject = piece.PrefixSpace ? string.Concat(" ", text.AsSpan(piece.Start, piece.Length)) : null;
        var span = subject is null ? text.AsSpan(piece.Start, piece.Length) : subject.AsSpan();
        var last = 0;
        foreach (var match in pattern.EnumerateMatches(span))
        {
            if (match.Length == 0)
            {
                continue;
            }

            Emit(piece, shift, last, match.Index, output);
            Emit(piece, shift, match.Index, match.Index + match.Length, output);
            last = match.Index + match.Length;
        }

        Emit(piece, shift, last, span.Length, output);
    }

    private static void Emit(Piece piece, int shift, int from, int to, List<Piece> output)
    {
        if (to <= from)
        {
            return;
        }

        output.Add(shift == 1 && from == 0
            ? new Piece(piece.Start, to - 1, PrefixSpace: true)
            : new Piece(piece.Start + from - shift, to - from, PrefixSpace: false));
    }
}

/// <summary>The ByteLevel pre-tokenizer's <c>add_prefix_space</c>: a piece not starting with a space gets one.</summary>
internal sealed class PrefixSpaceStep : PreTokenizerStep
{
    public override void Apply(string text, Piece piece, List<Piece> output)
    {
        var startsWithSpace = piece.PrefixSpace || (piece.Length > 0 && text[piece.Start] == ' ');
        output.Add(startsWithSpace ? piece : piece with { PrefixSpace = true });
    }
}
