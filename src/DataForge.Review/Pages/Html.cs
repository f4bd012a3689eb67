using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace DataForge.Review.Pages;

/// <summary>
/// Builds one HTML page. Every text that came from a record, a model, a user or a file goes through
/// <see cref="Text"/> (HTML-encoded); <see cref="Raw"/> takes only markup written here.
/// </summary>
internal sealed class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _out = new();

    public static string Encode(string? text) => text is null ? "" : Encoder.Encode(text);

    public static string Number(double value, string format = "G4") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public Html Raw(string markup)
    {
        _out.Append(markup);
        return this;
    }

    public Html Text(string? text)
    {
        _out.Append(Encode(text));
        return this;
    }

    /// <summary>An element with encoded text content and raw (trusted) attributes.</summary>
    public Html Element(string tag, string? text, string attributes = "")
    {
        _out.Append('<').Append(tag).Append(attributes.Length > 0 ? " " + attributes : "").Append('>').Append(Encode(text)).Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A link whose href is built here and whose text is encoded.</summary>
    public Html Link(string href, string? text, string attributes = "")
        => Element("a", text, $"href=\"{Encode(href)}\"{(attributes.Length > 0 ? " " + attributes : "")}");

    /// <summary>An attribute value, encoded.</summary>
    public static string Attr(string name, string? value) => $"{name}=\"{Encode(value)}\"";

    public override string ToString() => _out.ToString();
}
