using System.Net;
using System.Text.RegularExpressions;

namespace DataForge.Storage.Readers.Code;

/// <summary>
/// The <c>&lt;summary&gt;</c> of the first type of a C# program that has one: its <c>///</c> doc
/// comment (attribute lines between it and the declaration are fine) with the XML tags stripped
/// (<c>&lt;see cref="X"/&gt;</c>, <c>&lt;paramref name="x"/&gt;</c> and the like become their
/// reference, a paragraph break a space), entities decoded and whitespace collapsed to single spaces.
/// </summary>
internal static partial class CSharpSummary
{
    /// <summary>The summary text, or null when no type has one (or it is blank).</summary>
    public static string? Of(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var doc = new List<string>();
        foreach (var line in program.Split('\n'))
        {
            var text = line.Trim();
            if (text.StartsWith("///", StringComparison.Ordinal))
            {
                doc.Add(text[3..]);
            }
            else if (text.StartsWith('[') && doc.Count > 0)
            {
                continue;
            }
            else
            {
                if (TypeDeclaration().IsMatch(text) && Summary(string.Join('\n', doc)) is { } summary)
                {
                    return summary;
                }

                doc.Clear();
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?:(?:public|internal|private|protected|static|sealed|abstract|partial|readonly|file|unsafe|new|ref)\s+)*(?:class|struct|interface|enum|record(?:\s+(?:class|struct))?)\s+@?\w", RegexOptions.CultureInvariant)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"<summary>(.*?)</summary>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex SummaryElement();

    [GeneratedRegex(@"<\w+\s+(?:cref|name|langword|href)\s*=\s*""(?:\w:)?([^""]*)""\s*/>", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"^</?(?:para|br|list|item|term|description|code)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Block();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Blanks();

    private static string? Summary(string doc)
    {
        var match = SummaryElement().Match(doc);
        if (!match.Success)
        {
            return null;
        }

        // A generic reference (List{T}) reads as List<T>, encoded so the tag strip below leaves it.
        var text = Reference().Replace(match.Groups[1].Value, m => m.Groups[1].Value.Replace("{", "&lt;", StringComparison.Ordinal).Replace("}", "&gt;", StringComparison.Ordinal));
        text = WebUtility.HtmlDecode(Tag().Replace(text, m => Block().IsMatch(m.Value) ? " " : string.Empty));
        text = Blanks().Replace(text, " ").Trim();
        return text.Length == 0 ? null : text;
    }
}
