using Microsoft.AspNetCore.Http;

namespace DataForge.Serving.Internal;

/// <summary>Writing JSON answers and server-sent events.</summary>
internal static class HttpWrites
{
    private static readonly byte[] EventStart = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    public static async Task JsonAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    public static void StartEvents(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
    }

    /// <summary>Sends <c>data: {payload}</c> and a blank line, flushed.</summary>
    public static async Task EventAsync(HttpContext context, byte[] payload)
    {
        var body = context.Response.Body;
        await body.WriteAsync(EventStart, context.RequestAborted).ConfigureAwait(false);
        await body.WriteAsync(payload, context.RequestAborted).ConfigureAwait(false);
        await body.WriteAsync(EventEnd, context.RequestAborted).ConfigureAwait(false);
        await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
