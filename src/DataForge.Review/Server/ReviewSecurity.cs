using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DataForge.Review.Server;

/// <summary>
/// What every response carries (a Content-Security-Policy of <c>default-src 'self'</c> without
/// unsafe-inline, nosniff, no framing, no referrer) and what every request must show: a loopback
/// <c>Host</c> when bound to loopback (no DNS rebinding), and the access token when there is one
/// (<c>?token=</c>, which also sets a cookie; the cookie; or <c>Authorization: Bearer</c>); else 401.
/// </summary>
internal static class ReviewSecurity
{
    public const string CookieName = "dataforge_review_token";

    public const string Policy = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Use(WebApplication app, string? token, bool loopback)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            if (loopback && !IsLoopbackHost(context.Request.Host.Host))
            {
                await PlainAsync(context, StatusCodes.Status403Forbidden, "this review server answers only requests addressed to a loopback host").ConfigureAwait(false);
                return;
            }

            if (token is not null && !Authorized(context, token))
            {
                await PlainAsync(context, StatusCodes.Status401Unauthorized, "a token is required: open the URL `dataforge review` printed (with ?token=...)").ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
    }

    public static bool SameText(string? a, string b)
        => a is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    public static Task PlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n");
    }

    private static bool Authorized(HttpContext context, string token)
    {
        if (SameText(context.Request.Query["token"].ToString(), token))
        {
            context.Response.Cookies.Append(CookieName, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
            return true;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        return SameText(context.Request.Cookies[CookieName], token)
            || (authorization.StartsWith("Bearer ", StringComparison.Ordinal) && SameText(authorization["Bearer ".Length..].Trim(), token));
    }

    private static bool IsLoopbackHost(string host)
        => host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
