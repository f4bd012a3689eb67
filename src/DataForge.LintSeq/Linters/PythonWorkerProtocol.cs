using System.Text;
using System.Text.Json;

namespace DataForge.LintSeq.Linters;

/// <summary>The line-based JSON protocol of <c>lint_worker.py</c> (see the script's docstring).</summary>
internal static class PythonWorkerProtocol
{
    /// <summary>A request line: <c>{"id": N, "source": "..."}</c>, or a test-hook <c>{"id": N, "debug": "hang"}</c>.</summary>
    public static string Request(long id, string? source, string? debug)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            if (source is not null)
            {
                writer.WriteString("source", source);
            }

            if (debug is not null)
            {
                writer.WriteString("debug", debug);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads the ready line; returns the linter version. Throws <see cref="LinterMissingException"/> when the worker reports an import failure.</summary>
    public static string ParseReady(string line, string linter, Func<string> describe)
    {
        using var document = Parse(line, linter, describe);
        var root = document.RootElement;
        if (root.TryGetProperty("ready", out var ready) && ready.ValueKind == JsonValueKind.True)
        {
            return root.TryGetProperty("version", out var version) ? version.GetString() ?? "" : "";
        }

        var error = root.TryGetProperty("error", out var e) ? e.ToString() : line;
        throw new LinterMissingException(
            $"The {linter} worker could not start: {error}. Install the linters for Debian's python3: {PythonLinterOptions.InstallCommand}");
    }

    /// <summary>Reads a response line for request <paramref name="id"/>; throws <see cref="LinterFailedException"/> for an error answer or nonsense.</summary>
    public static IReadOnlyList<PythonWorkerMessage> ParseResponse(string line, long id, string linter)
    {
        using var document = Parse(line, linter, () => "");
        var root = document.RootElement;
        if (!root.TryGetProperty("id", out var answered) || !answered.TryGetInt64(out var answeredId) || answeredId != id)
        {
            throw new LinterFailedException($"The {linter} worker answered request {id} with another id: {Shorten(line)}") { IsWorkerCrash = true };
        }

        if (root.TryGetProperty("error", out var error))
        {
            throw new LinterFailedException($"{linter} raised: {error}");
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            throw new LinterFailedException($"The {linter} worker's answer has no messages: {Shorten(line)}");
        }

        return [.. messages.EnumerateArray().Select(m => ReadMessage(m, linter))];
    }

    private static PythonWorkerMessage ReadMessage(JsonElement message, string linter)
    {
        try
        {
            return new PythonWorkerMessage(
                Integer(message, "line"),
                Integer(message, "column"),
                message.GetProperty("code").GetString() ?? "",
                message.TryGetProperty("category", out var c) ? c.GetString() ?? "" : "",
                message.GetProperty("message").GetString() ?? "");
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new LinterFailedException($"The {linter} worker sent a malformed message: {message}", ex);
        }
    }

    // null (a message without a position) reads as 0.
    private static int Integer(JsonElement message, string name)
    {
        var value = message.GetProperty(name);
        return value.ValueKind == JsonValueKind.Null ? 0 : value.GetInt32();
    }

    private static JsonDocument Parse(string line, string linter, Func<string> describe)
    {
        try
        {
            var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Reported below.
        }

        var context = describe();
        throw new LinterFailedException(
            $"The {linter} worker printed something that is not a protocol line: {Shorten(line)}{(context.Length == 0 ? "" : "; " + context)}")
        {
            IsWorkerCrash = true,
        };
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
