using System.Security.Cryptography;
using System.Text;

namespace DataForge.Generation.Prompts;

/// <summary>
/// A prompt template: a stable id (its file name without extension), its text with
/// <c>{name}</c> placeholders, and a content hash that goes into each sample's <c>prompt_id</c>
/// and into the cache key of the step that uses it.
/// </summary>
public sealed class PromptTemplate
{
    /// <summary>Creates a template; CRLF line ends are normalized to LF so the hash does not depend on a checkout's line-end setting.</summary>
    /// <param name="id">The stable id (snake_case file name without extension).</param>
    /// <param name="content">The template text.</param>
    public PromptTemplate(string id, string content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(content);
        Id = id;
        Content = content.Replace("\r\n", "\n", StringComparison.Ordinal);
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Content)))[..16];
    }

    /// <summary>The stable id.</summary>
    public string Id { get; }

    /// <summary>The text, LF line ends.</summary>
    public string Content { get; }

    /// <summary>The first 16 hex digits of the SHA-256 of <see cref="Content"/> (UTF-8).</summary>
    public string Hash { get; }

    /// <summary><c>id@hash</c>, the value of a sample's <c>prompt_id</c>.</summary>
    public string PromptId => $"{Id}@{Hash}";

    /// <summary>True when the text contains the placeholder <c>{name}</c>.</summary>
    public bool Has(string name) => Content.Contains($"{{{name}}}", StringComparison.Ordinal);

    /// <summary>
    /// Fills the placeholders named in <paramref name="values"/> in one pass (inserted text is never
    /// scanned again, so braces in an instruction are safe); other braces stay as they are.
    /// </summary>
    public string Fill(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder(Content.Length + 256);
        var i = 0;
        while (i < Content.Length)
        {
            var close = Content[i] == '{' ? Content.IndexOf('}', i + 1) : -1;
            if (close > i && values.TryGetValue(Content[(i + 1)..close], out var value))
            {
                text.Append(value);
                i = close + 1;
                continue;
            }

            text.Append(Content[i]);
            i++;
        }

        return text.ToString();
    }
}
