using System.Text.Json;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>How one kind of result is stored in the cache, inside <c>{"result": …}</c>.</summary>
internal sealed record ResultCodec<T>(Action<Utf8JsonWriter, T> Write, Func<JsonElement, T> Read);
