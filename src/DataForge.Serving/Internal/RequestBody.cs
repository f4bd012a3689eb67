using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DataForge.Serving.Internal;

/// <summary>
/// A request's parsed JSON body and a response id derived from its bytes (the same request, the same id).
/// A body that is not UTF-8 or not JSON is a <see cref="RequestValidationException"/>.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private readonly JsonDocument _document;

    private RequestBody(JsonDocument document, string hash)
    {
        _document = document;
        Hash = hash;
    }

    public JsonElement Root => _document.RootElement;

    /// <summary>24 hex digits of the body's SHA-256.</summary>
    public string Hash { get; }

    public static async Task<RequestBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            throw new RequestValidationException("The request body is not valid UTF-8 text.", null, "invalid_encoding");
        }

        try
        {
            return new RequestBody(JsonDocument.Parse(bytes), Convert.ToHexStringLower(SHA256.HashData(bytes))[..24]);
        }
        catch (JsonException e)
        {
            throw new RequestValidationException($"The request body is not valid JSON: {e.Message}", null, "invalid_json");
        }
    }

    public void Dispose() => _document.Dispose();
}
