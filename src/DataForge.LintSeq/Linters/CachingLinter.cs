using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataForge.Core.Seams;

namespace DataForge.LintSeq.Linters;

/// <summary>
/// Wraps a linter with an <see cref="IResultCache"/>: the key is the SHA-256 of
/// ("lint", <see cref="ILinter.Name"/>, <see cref="ILinter.RuleSet"/>, program), the value the
/// JSON of the counted messages. Failures (exceptions of the inner linter) are not cached.
/// </summary>
public sealed class CachingLinter : ILinter
{
    private readonly ILinter _inner;
    private readonly IResultCache _cache;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public CachingLinter(ILinter inner, IResultCache cache)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(cache);
        _inner = inner;
        _cache = cache;
    }

    /// <inheritdoc/>
    public string Name => _inner.Name;

    /// <inheritdoc/>
    public string RuleSet => _inner.RuleSet;

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<LintMessage>> LintAsync(string program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        var key = Key(program);
        var stored = await _cache.TryGetAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is not null && TryRead(stored) is { } cached)
        {
            return cached;
        }

        var messages = await _inner.LintAsync(program, cancellationToken).ConfigureAwait(false);
        await _cache.PutAsync(key, Write(messages), cancellationToken).ConfigureAwait(false);
        return messages;
    }

    /// <summary>The cache key of <paramref name="program"/>: lower-case hex SHA-256 of the newline-joined fields (the program last, so no two inputs share one).</summary>
    internal string Key(string program)
    {
        var text = $"lint\n{Name}\n{RuleSet}\n{program}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The stored form: a JSON array of <c>{"line","column","code","message"}</c>.</summary>
    internal static byte[] Write(IReadOnlyList<LintMessage> messages)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var m in messages)
            {
                writer.WriteStartObject();
                writer.WriteNumber("line", m.Line);
                writer.WriteNumber("column", m.Column);
                writer.WriteString("code", m.Code);
                writer.WriteString("message", m.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads the stored form; null when it is not readable (then the program is linted again).</summary>
    internal static IReadOnlyList<LintMessage>? TryRead(byte[] value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            return [.. document.RootElement.EnumerateArray().Select(m => new LintMessage(
                m.GetProperty("line").GetInt32(),
                m.GetProperty("column").GetInt32(),
                m.GetProperty("code").GetString() ?? "",
                m.GetProperty("message").GetString() ?? ""))];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return null;
        }
    }
}
