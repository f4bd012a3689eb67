using System.Text.Json;
using DataForge.Core.Seams;
using DataForge.Core.Serialization;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>
/// Runs requests through the result cache: a hit (a result or a rejection) sends nothing; a miss runs
/// the request with retries and stores what came back, rejections included. An unreadable entry is
/// treated as a miss.
/// </summary>
internal sealed class CachedCalls(IResultCache? cache, string identity, RetryingExecutor executor)
{
    public async Task<T> RunAsync<T>(string operation, byte[] canonicalRequest, ResultCodec<T> codec, Func<Endpoint, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            return await executor.RunAsync(attempt, cancellationToken).ConfigureAwait(false);
        }

        var key = CacheKeys.For(identity, operation, canonicalRequest);
        if (await cache.TryGetAsync(key, cancellationToken).ConfigureAwait(false) is { } stored && TryRead(stored, codec, out var hit, out var rejection))
        {
            return rejection is null ? hit! : throw rejection;
        }

        try
        {
            var result = await executor.RunAsync(attempt, cancellationToken).ConfigureAwait(false);
            await cache.PutAsync(key, JsonObjectBytes.Write(w => { w.WritePropertyName("result"); codec.Write(w, result); }), cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (ModelRequestRejectedException rejected)
        {
            await cache.PutAsync(key, WriteRejection(rejected), cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private static byte[] WriteRejection(ModelRequestRejectedException rejected) => JsonObjectBytes.Write(w =>
    {
        w.WriteStartObject("rejected");
        w.WriteString("url", rejected.Url?.AbsoluteUri);
        w.WriteNumber("status", rejected.StatusCode);
        w.WriteString("message", rejected.ServerMessage);
        w.WriteEndObject();
    });

    private static bool TryRead<T>(byte[] stored, ResultCodec<T> codec, out T? result, out ModelRequestRejectedException? rejection)
    {
        result = default;
        rejection = null;
        try
        {
            using var doc = JsonDocument.Parse(stored);
            var root = doc.RootElement;
            if (root.TryGetProperty("rejected", out var r))
            {
                rejection = ModelRequestRejectedException.Create(new Uri(r.GetProperty("url").GetString()!), r.GetProperty("status").GetInt32(), r.GetProperty("message").GetString()!);
                return true;
            }

            result = codec.Read(root.GetProperty("result"));
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or UriFormatException or ArgumentException or IndexOutOfRangeException)
        {
            return false;
        }
    }
}
