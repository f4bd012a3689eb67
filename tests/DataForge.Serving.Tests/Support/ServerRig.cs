using DataForge.Core.Seams;
using DataForge.Models.OpenAi;

namespace DataForge.Serving.Tests.Support;

/// <summary>A fake model behind a real <see cref="ModelServer"/> on a free loopback port, with fault proxies in front.</summary>
public sealed class ServerRig : IAsyncDisposable
{
    private readonly List<OpenAiLanguageModel> _clients = [];

    private ServerRig(ILanguageModel model, ModelServer server, IReadOnlyList<FaultProxy> proxies)
    {
        Model = model;
        Server = server;
        Proxies = proxies;
    }

    public ILanguageModel Model { get; }

    public ModelServer Server { get; }

    public IReadOnlyList<FaultProxy> Proxies { get; }

    public FaultProxy Proxy => Proxies[0];

    public static async Task<ServerRig> StartAsync(ILanguageModel? model = null, int proxies = 1, ModelServerOptions? options = null)
    {
        model ??= TestModels.Fake();
        var server = await ModelServer.StartAsync(model, (options ?? ModelServerOptions.Default) with { Port = 0, ModelName = "fake" }, CancellationToken.None);
        var list = new List<FaultProxy>();
        for (var i = 0; i < proxies; i++)
        {
            list.Add(await FaultProxy.StartAsync(server.Uri));
        }

        return new ServerRig(model, server, list);
    }

    /// <summary>A client over every proxy, with backoff small enough for tests.</summary>
    public OpenAiLanguageModel Client(IResultCache? cache = null, int maxRetries = 5, int concurrency = 4, TimeSpan? timeout = null)
    {
        var client = new OpenAiLanguageModel(
            new OpenAiModelOptions
            {
                BaseUrls = [.. Proxies.Select(p => p.BaseUrl)],
                Model = "fake",
                ApiKey = "sk-test",
                MaxRetries = maxRetries,
                MaxConcurrencyPerEndpoint = concurrency,
                RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
                BackoffBase = TimeSpan.FromMilliseconds(1),
                BackoffMax = TimeSpan.FromMilliseconds(10),
            },
            cache);
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        foreach (var proxy in Proxies)
        {
            await proxy.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}
