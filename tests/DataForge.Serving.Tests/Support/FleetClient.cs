using DataForge.Core.Seams;
using DataForge.Models.OpenAi;

namespace DataForge.Serving.Tests.Support;

/// <summary>Clients over a <see cref="FleetHandler"/> with backoff small enough for tests, and requests for them.</summary>
public static class FleetClient
{
    /// <summary>A client over every server of <paramref name="fleet"/>; the cool-down defaults to an hour (no probe during a test).</summary>
    public static OpenAiLanguageModel Create(FleetHandler fleet, TimeSpan? coolDown = null, int ejectAfter = 3, int concurrency = 4, TimeSpan? timeout = null, int maxRetries = 5)
        => new(
            new OpenAiModelOptions
            {
                BaseUrls = fleet.Urls,
                Model = "fake",
                MaxRetries = maxRetries,
                MaxConcurrencyPerEndpoint = concurrency,
                RequestTimeout = timeout ?? TimeSpan.FromSeconds(30),
                BackoffBase = TimeSpan.FromMilliseconds(1),
                BackoffMax = TimeSpan.FromMilliseconds(10),
                EjectAfterFailures = ejectAfter,
                EjectionCoolDown = coolDown ?? TimeSpan.FromHours(1),
                MaxEjectionCoolDown = coolDown is { } c ? c * 4 : TimeSpan.FromHours(1),
            },
            null,
            fleet);

    /// <summary>A raw-prompt request, distinct per <paramref name="i"/>.</summary>
    public static GenerationRequest Request(int i) => new(null, $"prompt {i}", 4, 0, 1, 0, [], (ulong)i);

    /// <summary>Sends <paramref name="count"/> requests one after another, each once the one before was answered.</summary>
    public static async Task SendOneByOneAsync(OpenAiLanguageModel client, int count, int first = 0)
    {
        for (var i = first; i < first + count; i++)
        {
            var result = await client.GenerateAsync([Request(i)], CancellationToken.None);
            if (result[0].Text != "ok")
            {
                throw new InvalidOperationException($"unexpected answer '{result[0].Text}'");
            }
        }
    }
}
