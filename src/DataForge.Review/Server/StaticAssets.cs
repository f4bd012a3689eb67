using Microsoft.AspNetCore.Http;

namespace DataForge.Review.Server;

/// <summary>The tool's one script and one style sheet, embedded in the assembly (no CDN, nothing read from disk).</summary>
internal static class StaticAssets
{
    private static readonly Lazy<byte[]> Script = new(() => Load("review.js"));
    private static readonly Lazy<byte[]> Style = new(() => Load("review.css"));

    public static Task ScriptAsync(HttpContext context) => WriteAsync(context, "text/javascript; charset=utf-8", Script.Value);

    public static Task StyleAsync(HttpContext context) => WriteAsync(context, "text/css; charset=utf-8", Style.Value);

    private static Task WriteAsync(HttpContext context, string type, byte[] content)
    {
        context.Response.ContentType = type;
        context.Response.Headers.CacheControl = "no-cache";
        return context.Response.Body.WriteAsync(content, context.RequestAborted).AsTask();
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"missing embedded asset {name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
