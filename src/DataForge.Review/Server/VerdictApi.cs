using System.Text.Json;
using DataForge.Core.Diagnostics;
using DataForge.Core.Review;
using DataForge.Storage.Review;
using Microsoft.AspNetCore.Http;

namespace DataForge.Review.Server;

/// <summary>
/// <c>POST /api/verdicts</c> with <c>{"id", "verdict": "accept"|"reject"|"flag", "note"?, "run"?}</c>:
/// 403 unless the <c>Origin</c> header is this server's and the <c>X-CSRF-Token</c> header is the
/// page's token; 413 over the body limit; 400 for malformed JSON or members; 404 for an id that is not
/// a record id or not in the run; 200 with the stored verdict otherwise.
/// </summary>
internal static class VerdictApi
{
    public const string CsrfHeader = "X-CSRF-Token";

    public static async Task HandleAsync(HttpContext context, ReviewState state)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            await ReviewSecurity.PlainAsync(context, StatusCodes.Status403Forbidden, "cross-origin request refused").ConfigureAwait(false);
            return;
        }

        if (!ReviewSecurity.SameText(request.Headers[CsrfHeader].ToString(), state.CsrfToken))
        {
            await ReviewSecurity.PlainAsync(context, StatusCodes.Status403Forbidden, "missing or wrong CSRF token").ConfigureAwait(false);
            return;
        }

        if (await ReadAsync(request, state.Options.MaxRequestBodyBytes, context.RequestAborted).ConfigureAwait(false) is not { } body)
        {
            await ReviewSecurity.PlainAsync(context, StatusCodes.Status413PayloadTooLarge, "request body too large").ConfigureAwait(false);
            return;
        }

        if (Parse(body) is not var (id, kind, note, runName))
        {
            await ReviewSecurity.PlainAsync(context, StatusCodes.Status400BadRequest, "expected JSON {\"id\": \"...\", \"verdict\": \"accept\"|\"reject\"|\"flag\", \"note\": \"...\"}").ConfigureAwait(false);
            return;
        }

        if (!ReviewRoutes.IsRecordId(id) || state.Target.Find(runName) is not { } run || (await state.IndexAsync(run).ConfigureAwait(false)).Find(id) is null)
        {
            await ReviewSecurity.PlainAsync(context, StatusCodes.Status404NotFound, "no such record").ConfigureAwait(false);
            return;
        }

        var verdict = new ReviewVerdict(id, kind, string.IsNullOrWhiteSpace(note) ? null : note, state.Options.Reviewer, DateTimeOffset.UtcNow);
        try
        {
            state.AddVerdict(verdict);
        }
        catch (DataForgeConfigException e)
        {
            await ReviewSecurity.PlainAsync(context, StatusCodes.Status409Conflict, $"verdict stored, but the builds folder's verdicts file could not be rewritten: {e.Message}").ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(VerdictFile.FormatLine(verdict), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static (string Id, ReviewVerdictKind Kind, string? Note, string? Run)? Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("verdict", out var verdict) || verdict.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            ReviewVerdictKind? kind = verdict.GetString() switch
            {
                "accept" => ReviewVerdictKind.Accept,
                "reject" => ReviewVerdictKind.Reject,
                "flag" => ReviewVerdictKind.Flag,
                _ => null,
            };
            var note = root.TryGetProperty("note", out var n) ? n : default;
            var run = root.TryGetProperty("run", out var r) ? r : default;
            if (kind is null || note.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String) || run.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String))
            {
                return null;
            }

            return (id.GetString()!, kind.Value, note.ValueKind == JsonValueKind.String ? note.GetString() : null, run.ValueKind == JsonValueKind.String ? run.GetString() : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
