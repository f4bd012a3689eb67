using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DataForge.Serving.Internal;

/// <summary>The routes, and the error answers around them.</summary>
internal static class ServerRoutes
{
    public static void Map(WebApplication app, ModelGate gate, ModelServerOptions options)
    {
        var chat = new ChatHandler(gate, options);
        var completions = new CompletionsHandler(gate, options);
        app.MapGet("/v1/models", context => HttpWrites.JsonAsync(context, StatusCodes.Status200OK, ResponseBodies.Models(options.ModelName)));
        app.MapPost("/v1/chat/completions", Guarded(chat.HandleAsync));
        app.MapPost("/v1/completions", Guarded(completions.HandleAsync));
        app.MapFallback(context => HttpWrites.JsonAsync(
            context,
            StatusCodes.Status404NotFound,
            ResponseBodies.Error($"There is no route {context.Request.Method} {context.Request.Path}.", "invalid_request_error", null, "not_found")));
    }

    // Malformed requests answer 400; a failing model answers 500; a client that went away gets nothing.
    private static RequestDelegate Guarded(Func<HttpContext, RequestBody, Task> handle) => async context =>
    {
        try
        {
            using var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            await handle(context, body).ConfigureAwait(false);
        }
        catch (RequestValidationException e) when (!context.Response.HasStarted)
        {
            await HttpWrites.JsonAsync(context, StatusCodes.Status400BadRequest, ResponseBodies.Error(e.Message, "invalid_request_error", e.Param, e.Code)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            await HttpWrites.JsonAsync(context, StatusCodes.Status500InternalServerError, ResponseBodies.Error(e.Message, "server_error", null, "model_error")).ConfigureAwait(false);
        }
    };
}
