using DataForge.Serving.Tests.Support;
using Xunit;

namespace DataForge.Serving.Tests;

/// <summary>A fleet of servers behind one model: least outstanding requests first, within each server's limit, counted per server.</summary>
public sealed class OpenAiFleetBalanceTests
{
    [Fact]
    public async Task GenerateAsync_OneServerSlow_NewRequestsGoToTheIdleOne()
    {
        // Arrange: the first server holds what it gets.
        using var fleet = new FleetHandler(2);
        fleet.Servers[0].Hold();
        using var client = FleetClient.Create(fleet);
        var held = client.GenerateAsync([FleetClient.Request(0)], CancellationToken.None);
        await WaitUntilAsync(() => fleet.Servers[0].InFlight == 1);

        // Act
        await FleetClient.SendOneByOneAsync(client, 5, first: 1);
        fleet.Servers[0].Release();
        await held;

        // Assert: round-robin would have sent two of the five to the busy server.
        Assert.Equal((1, 5), (fleet.Servers[0].Requests, fleet.Servers[1].Requests));
    }

    [Fact]
    public async Task GenerateAsync_BatchLargerThanTheFleet_EachServerFilledToItsLimitAndTheRestWaits()
    {
        // Arrange: three servers holding their requests, two slots each, seven requests.
        using var fleet = new FleetHandler(3);
        foreach (var server in fleet.Servers)
        {
            server.Hold();
        }

        using var client = FleetClient.Create(fleet, concurrency: 2);

        // Act
        var batch = client.GenerateAsync([.. Enumerable.Range(0, 7).Select(FleetClient.Request)], CancellationToken.None);
        await WaitUntilAsync(() => fleet.Servers.Sum(s => s.Requests) == 6);
        var inFlight = fleet.Servers.Select(s => s.InFlight).ToList();
        foreach (var server in fleet.Servers)
        {
            server.Release();
        }

        var results = await batch;

        // Assert
        Assert.Equal([2, 2, 2], inFlight);
        Assert.Equal(7, fleet.Servers.Sum(s => s.Requests));
        Assert.All(results, r => Assert.Equal("ok", r.Text));
    }

    [Fact]
    public async Task GenerateAsync_OneRequestAtATime_TiesGoToTheServerSentTheFewestThenTheFirst()
    {
        // Arrange
        using var fleet = new FleetHandler(3);
        using var client = FleetClient.Create(fleet);

        // Act
        await FleetClient.SendOneByOneAsync(client, 1);
        var afterOne = fleet.Servers.Select(s => s.Requests).ToList();
        await FleetClient.SendOneByOneAsync(client, 5, first: 1);

        // Assert
        Assert.Equal([1, 0, 0], afterOne);
        Assert.Equal([2, 2, 2], fleet.Servers.Select(s => s.Requests));
    }

    [Fact]
    public async Task EndpointStats_AfterRequests_RequestsSharesAndLatencyPerServerInOrder()
    {
        // Arrange
        using var fleet = new FleetHandler(2);
        using var client = FleetClient.Create(fleet);

        // Act
        var before = client.EndpointStats();
        await FleetClient.SendOneByOneAsync(client, 4);
        var stats = client.EndpointStats();

        // Assert
        Assert.Equal(fleet.Urls.Select(u => u.AbsoluteUri), stats.Select(s => s.Url));
        Assert.All(before, s => Assert.Equal((0L, 0.0, (double?)null, (double?)null), (s.Requests, s.Share, s.LatencyMeanMs, s.LatencyP95Ms)));
        Assert.All(stats, s => Assert.Equal((2L, 0.5, 0L, 0L), (s.Requests, s.Share, s.Errors, s.Ejections)));
        Assert.All(stats, s => Assert.True(s.LatencyMeanMs >= 0 && s.LatencyP95Ms >= 0, $"{s.LatencyMeanMs} / {s.LatencyP95Ms}"));
    }

    [Fact]
    public void EndpointStats_UrlWithUserAndPassword_ReportedWithoutThem()
    {
        // Arrange
        using var fleet = new FleetHandler(1);
        using var client = new Models.OpenAi.OpenAiLanguageModel(
            new Models.OpenAi.OpenAiModelOptions { BaseUrls = [new Uri("http://user:secret@127.0.0.1:9001/v1")], Model = "fake" }, null, fleet);

        // Act
        var url = Assert.Single(client.EndpointStats()).Url;

        // Assert
        Assert.Equal("http://127.0.0.1:9001/v1", url);
    }

    // A hang guard for conditions other threads make true, not a speed check.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var tries = 0; !condition(); tries++)
        {
            Assert.True(tries < 3000, "the condition never came true");
            await Task.Delay(10);
        }
    }
}
