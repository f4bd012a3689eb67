using System.Text.RegularExpressions;

namespace DataForge.Generation.Ensemble;

/// <summary>Cuts a generated numbered list into instructions and applies the word and keyword filters (docs/algorithms.md#ensemble-instruct).</summary>
/// <remarks>
/// The prompt ends with an open number (<c>"25."</c>), so the response starts with an instruction
/// and each further one begins on a new line with <c>N.</c> or <c>N .</c> and a space. Within a piece
/// everything from the first <c>|EoS|</c> on is removed (the reference keeps the marker and strips
/// it later), then whitespace is collapsed. Drop reasons, in the order checked:
/// <c>truncated</c> (the last piece of a response cut by the token limit), <c>empty_instruction</c>,
/// <c>too_few_words</c> (3 or fewer), <c>too_many_words</c> (over 150), <c>blocked_word</c>
/// (image(s), graph(s), picture(s), file(s), map(s), draw, plot or "go to" as whole words, any case),
/// <c>program_request</c> (starts with "Write a program"), <c>punctuation_start</c> (first character
/// is ASCII punctuation), <c>non_ascii_start</c>.
/// </remarks>
public static partial class EnsembleInstructionParser
{
    /// <summary>Every reason <see cref="Parse"/> and <see cref="Check"/> may give.</summary>
    public static IReadOnlyList<string> Reasons { get; } =
        ["truncated", "empty_instruction", "too_few_words", "too_many_words", "blocked_word", "program_request", "punctuation_start", "non_ascii_start"];

    /// <summary>Splits <paramref name="response"/> and checks each piece; <paramref name="truncated"/>: the response hit the token limit.</summary>
    public static IReadOnlyList<ParsedInstruction> Parse(string? response, bool truncated = false)
    {
        var pieces = Split(response);
        var parsed = new List<ParsedInstruction>(pieces.Count);
        for (var i = 0; i < pieces.Count; i++)
        {
            var cut = truncated && i == pieces.Count - 1;
            parsed.Add(new ParsedInstruction(pieces[i], cut ? "truncated" : Check(pieces[i])));
        }

        return parsed;
    }

    /// <summary>The pieces of a numbered-list response, each cut at its <c>|EoS|</c> and whitespace-collapsed.</summary>
    public static IReadOnlyList<string> Split(string? response)
        => string.IsNullOrEmpty(response)
            ? []
            : [.. ItemStart().Split(response).Select(p => EnsembleText.CollapseWhitespace(EnsembleText.BeforeEndMarker(p)))];

    /// <summary>The reason an instruction fails the filters, or null when it passes.</summary>
    public static string? Check(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var words = EnsembleText.Words(instruction).Length;
        return words switch
        {
            0 => "empty_instruction",
            <= 3 => "too_few_words",
            > 150 => "too_many_words",
            _ => CheckContent(instruction.Trim()),
        };
    }

    private static string? CheckContent(string text)
    {
        if (BlockedWord().IsMatch(text))
        {
            return "blocked_word";
        }

        if (text.StartsWith("Write a program", StringComparison.Ordinal))
        {
            return "program_request";
        }

        if (EnsembleText.AsciiPunctuation.Contains(text[0], StringComparison.Ordinal))
        {
            return "punctuation_start";
        }

        return char.IsAscii(text[0]) ? null : "non_ascii_start";
    }

    [GeneratedRegex(@"\n[0-9]+\s?\. ", RegexOptions.CultureInvariant)]
    private static partial Regex ItemStart();

    [GeneratedRegex(@"\b(images?|graphs?|pictures?|files?|maps?|draw|plot|go to)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockedWord();
}
