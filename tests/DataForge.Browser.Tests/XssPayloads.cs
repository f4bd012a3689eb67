using System.Net;
using System.Text;

namespace DataForge.Browser.Tests;

/// <summary>
/// The XSS payload corpus (<c>Data/xss-payloads.txt</c>, one payload a line; <c>#</c> comment lines and blank
/// lines skipped). Every payload, if it ever runs or loads, opens a dialog or requests <see cref="MarkerOrigin"/>.
/// </summary>
public static class XssPayloads
{
    /// <summary>The origin payloads send requests to; the fixture aborts them and records the URL.</summary>
    public static readonly Uri MarkerOrigin = new("http://xss.invalid/");

    private static readonly Lazy<IReadOnlyList<string>> Corpus = new(Load);

    /// <summary>Every payload of the corpus, in file order.</summary>
    public static IReadOnlyList<string> All => Corpus.Value;

    /// <summary>
    /// An HTML page showing each payload HTML-encoded in <c>&lt;pre id="pN"&gt;</c> (N = its index), the way a
    /// page must show untrusted text: the browser should display every payload verbatim and run none.
    /// </summary>
    public static string EncodedPage(IReadOnlyList<string> payloads) => Page(payloads, WebUtility.HtmlEncode);

    /// <summary>The same page with the payloads pasted in raw (a control: some of them must run).</summary>
    public static string RawPage(IReadOnlyList<string> payloads) => Page(payloads, payload => payload);

    private static string Page(IReadOnlyList<string> payloads, Func<string, string> render)
    {
        var html = new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>payloads</title></head><body>\n");
        for (var i = 0; i < payloads.Count; i++)
        {
            html.Append("<pre id=\"p").Append(i).Append("\">").Append(render(payloads[i])).Append("</pre>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static List<string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "xss-payloads.txt");
        return [.. File.ReadAllLines(path, Encoding.UTF8).Where(line => line.Length > 0 && !line.StartsWith("# ", StringComparison.Ordinal))];
    }
}
