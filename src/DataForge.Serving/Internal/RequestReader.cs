using System.Text.Json;

namespace DataForge.Serving.Internal;

/// <summary>Typed, validating access to the members of a request body; absent and null members take defaults.</summary>
internal sealed class RequestReader
{
    private readonly JsonElement _root;

    private RequestReader(JsonElement root) => _root = root;

    public static RequestReader For(JsonElement root)
        => root.ValueKind == JsonValueKind.Object ? new RequestReader(root) : throw new RequestValidationException("The request body must be a JSON object.", null);

    public JsonElement? Get(string name)
        => _root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public JsonElement Required(string name) => Get(name) ?? throw RequestValidationException.Missing(name);

    public double Number(string name, double fallback, double min, double max)
    {
        if (Get(name) is not { } value)
        {
            return fallback;
        }

        var number = value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;
        return number >= min && number <= max
            ? number
            : throw RequestValidationException.WrongType(name, max == double.MaxValue ? $"a number of at least {min}" : $"a number from {min} to {max}");
    }

    public int? Int(string name, int min)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min)
        {
            throw RequestValidationException.WrongType(name, $"an integer of at least {min}");
        }

        return number;
    }

    public bool Bool(string name)
    {
        if (Get(name) is not { } value)
        {
            return false;
        }

        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw RequestValidationException.WrongType(name, "true or false");
    }

    /// <summary>The sampling seed: any 64-bit integer (a negative one keeps its bits).</summary>
    public ulong Seed()
    {
        if (Get("seed") is not { } value)
        {
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var seed))
        {
            return seed;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var signed)
            ? unchecked((ulong)signed)
            : throw RequestValidationException.WrongType("seed", "an integer");
    }

    /// <summary><c>stop</c>: absent, a string, or an array of strings.</summary>
    public IReadOnlyList<string> Stop()
    {
        if (Get("stop") is not { } value)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray().Select(e => e.GetString()!)]
            : throw RequestValidationException.WrongType("stop", "a string or an array of strings");
    }

    /// <summary>Refuses <c>n</c> other than 1: one choice per prompt.</summary>
    public void RequireSingleChoice()
    {
        if (Int("n", 1) is { } n && n != 1)
        {
            throw RequestValidationException.Unsupported("n", "only n = 1 is supported.");
        }
    }
}
