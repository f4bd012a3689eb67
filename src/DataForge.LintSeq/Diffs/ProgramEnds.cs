using System.Text.Json;
using DataForge.Core.Records;

namespace DataForge.LintSeq.Diffs;

/// <summary>
/// What an edit sequence's diffs leave out of the input program, so its final state can be restored
/// byte for byte: the diffs (the reference's format) compare programs without blank lines at either end,
/// so they never hold a final newline, leading or trailing blank lines, a byte order mark, or CR.
/// </summary>
/// <remarks>
/// <para>The sampler works on the input with a leading BOM (U+FEFF) dropped and every CRLF made LF
/// (<see cref="Normalize"/>); that is the record's <c>output</c>. The record's meta keeps
/// <c>program_lead</c> (the BOM and whole blank lines before the first line of code),
/// <c>program_tail</c> (everything after the last line of code: the final newline, trailing blank
/// lines) and <c>line_endings</c> (<c>crlf</c> when every line break of the input was CRLF, else
/// <c>lf</c>). <see cref="Restore"/> of <see cref="EditPath.Apply"/> of all the edits then equals the
/// input exactly, for any input whose only line breaks are LF or CRLF throughout. What stays normalized:
/// mixed line endings become LF; a lone CR and the other line boundaries of Python's
/// <c>splitlines()</c> (VT, FF, U+001C–U+001E, U+0085, U+2028, U+2029) become LF in the diffs.</para>
/// </remarks>
/// <param name="Lead">Text before the first line the diffs hold (a BOM, leading blank lines).</param>
/// <param name="Tail">Text after the last line the diffs hold (the final newline, trailing blank lines).</param>
/// <param name="CrLf">True when every line break of the input was CRLF.</param>
public sealed record ProgramEnds(string Lead, string Tail, bool CrLf)
{
    /// <summary>Meta key of <see cref="Lead"/>.</summary>
    public const string LeadKey = "program_lead";

    /// <summary>Meta key of <see cref="Tail"/>.</summary>
    public const string TailKey = "program_tail";

    /// <summary>Meta key of the line endings (<c>lf</c> or <c>crlf</c>).</summary>
    public const string LineEndingsKey = "line_endings";

    /// <summary>The program the sampler works on (BOM dropped, CRLF made LF) and the ends that restore <paramref name="input"/>.</summary>
    public static (string Program, ProgramEnds Ends) Normalize(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var bom = input.StartsWith('\uFEFF');
        var text = bom ? input[1..] : input;
        var crlf = text.Contains("\r\n", StringComparison.Ordinal) && text.Count(c => c == '\n') == CountOf(text, "\r\n");
        var program = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = program.Split('\n');
        var first = Array.FindIndex(lines, l => PyText.Strip(l).Length > 0);
        if (first < 0)
        {
            return (program, new ProgramEnds(bom ? "\uFEFF" + program : program, "", crlf));
        }

        var last = Array.FindLastIndex(lines, l => PyText.Strip(l).Length > 0);
        var lead = string.Concat(lines.Take(first).Select(l => l + "\n"));
        var tail = string.Concat(lines.Skip(last + 1).Select(l => "\n" + l));
        return (program, new ProgramEnds((bom ? "\uFEFF" : "") + lead, tail, crlf));
    }

    /// <summary>The ends kept in an edit-sequence record's meta (null when the record has none).</summary>
    public static ProgramEnds? Of(Sample record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!record.Meta.TryGetValue(LeadKey, out var lead) || !record.Meta.TryGetValue(TailKey, out var tail) || lead.ValueKind != JsonValueKind.String || tail.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return new ProgramEnds(lead.GetString()!, tail.GetString()!, record.MetaText(LineEndingsKey) == "crlf");
    }

    /// <summary>The input program from <paramref name="applied"/>, the program <see cref="EditPath.Apply"/> rebuilds from all the edits.</summary>
    public string Restore(string applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        var text = Lead + applied + Tail;
        return CrLf ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text;
    }

    /// <summary>The record's meta with the ends added.</summary>
    public System.Collections.Immutable.ImmutableSortedDictionary<string, JsonElement> AddTo(System.Collections.Immutable.ImmutableSortedDictionary<string, JsonElement> meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return meta
            .SetItem(LeadKey, MetaValue.Of(Lead))
            .SetItem(TailKey, MetaValue.Of(Tail))
            .SetItem(LineEndingsKey, MetaValue.Of(CrLf ? "crlf" : "lf"));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
