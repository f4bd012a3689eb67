using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DataForge.Serving.Internal;

/// <summary>The routes, and the error answers around them.</summary>
internal static class ServerRoutes
{
    public static void Map(WebApplication app, ModelGate gate, ModelServerOptions options)
    {
        var limit = ContextLimit.For(gate.Model, options);
        var chat = new ChatHandler(gate, limit, options);
        var completions = new CompletionsHandler(gate, limit, options);
        var models = ResponseBodies.Models(options.ModelName, gate.Model.Identity);
        app.MapGet("/v1/models", context => HttpWrites.JsonAsync(context, StatusCodes.Status200OK, models));
        app.MapPost("/v1/chat/completions", Guarded(chat.HandleAsync, gate));
        app.MapPost("/v1/completions", Guarded(completions.HandleAsync, gate));
        app.MapFallback(context => HttpWrites.JsonAsync(
            context,
            StatusCodes.Status404NotFound,
            ResponseBodies.Error($"There is no route {context.Request.Method} {context.Request.Path}.", "invalid_request_error", null, "not_found")));
    }

    // Malformed requests answer 400 (413 for a body over the limit); a full queue or a stopping server
    // 503; a failing model 500; a client that went away gets nothing.
    private static RequestDelegate Guarded(Func<HttpContext, RequestBody, Task> handle, ModelGate gate) => async context =>
    {
        try
        {
            using var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            await handle(context, body).ConfigureAwait(false);
        }
        catch (RequestValidationException e) when (!context.Response.HasStarted)
        {
            await InvalidAsync(context, StatusCodes.Status400BadRequest, e.Message, e.Param, e.Code).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var tooLarge = e.StatusCode == StatusCodes.Status413PayloadTooLarge;
            var message = tooLarge ? $"The request body is larger than the server's limit of {Bytes(context)} bytes." : e.Message;
            await InvalidAsync(context, e.StatusCode, message, null, tooLarge ? "request_too_large" : "bad_request").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted && (e is ServerUnavailableException || (e is OperationCanceledException && gate.Stopping)))
        {
            var unavailable = e as ServerUnavailableException ?? ServerUnavailableException.ShuttingDown();
            context.Response.Headers.RetryAfter = ServerUnavailableException.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            var body = ResponseBodies.Error(unavailable.Message, "server_error", null, unavailable.Code);
            await HttpWrites.JsonAsync(context, StatusCodes.Status503ServiceUnavailable, body).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            await HttpWrites.JsonAsync(context, StatusCodes.Status500InternalServerError, ResponseBodies.Error(e.Message, "server_error", null, "model_error")).ConfigureAwait(false);
        }
    };

    private static Task InvalidAsync(HttpContext context, int status, string message, string? param, string code)
        => HttpWrites.JsonAsync(context, status, ResponseBodies.Error(message, "invalid_request_error", param, code));

    private static string Bytes(HttpContext context)
        => context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
