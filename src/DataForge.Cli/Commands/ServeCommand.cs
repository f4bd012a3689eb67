using DataForge.Models.Tokenization;
using DataForge.Models.Torch;
using DataForge.Serving;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary><c>dataforge serve</c>: an OpenAI-compatible server over one loaded checkpoint, until interrupted.</summary>
internal sealed class ServeCommand : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(Path.GetFullPath(settings.ModelDirectory).TrimEnd(Path.DirectorySeparatorChar));
        using var model = TorchLanguageModel.Load(settings.ModelDirectory, new TorchModelOptions
        {
            ChatFormat = settings.ChatFormat is null ? null : ChatFormat.Parse(settings.ChatFormat).Kind,
            BatchSize = settings.BatchSize,
            Name = name,
        });
        var options = new ModelServerOptions
        {
            Host = settings.Host,
            Port = settings.Port,
            ModelName = name,
            MaxWaitingRequests = settings.MaxWaiting,
            PromptTokens = model.PromptTokenCount,
        };
        var server = await ModelServer.StartAsync(model, options, cancellationToken);
        await using (server.ConfigureAwait(false))
        {
            var address = server.Uri.ToString().TrimEnd('/');
            Console.WriteLine($"listening on {address}");
            Console.Error.WriteLine($"serve: {model.Identity} at {address}/v1 (chat format: {model.Format?.ToString() ?? "none"}; context {model.ContextLength} tokens); Ctrl-C stops");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Interrupted: stop serving; the exit code says how we were stopped.
            }

            // Cancels the generation in progress (checked once per token) and refuses the waiting requests.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await server.StopAsync(grace.Token);
        }

        return ExitCodes.Finished;
    }
}
