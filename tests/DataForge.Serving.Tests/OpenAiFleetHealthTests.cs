using DataForge.Models.OpenAi;
using DataForge.Serving.Tests.Support;
using Xunit;

namespace DataForge.Serving.Tests;

/// <summary>A fleet of servers behind one model: failing servers are ejected, probed and re-admitted.</summary>
public sealed class OpenAiFleetHealthTests
{
    [Fact]
    public async Task GenerateAsync_OneServerRefusesConnections_EjectedAtOnceAndTheRestServeEverything()
    {
        // Arrange
        using var fleet = new FleetHandler(3);
        fleet.Servers[1].Mode = ServerMode.Refusing;
        using var client = FleetClient.Create(fleet);

        // Act
        await FleetClient.SendOneByOneAsync(client, 9);
        var stats = client.EndpointStats();

        // Assert: one refused attempt, retried at once elsewhere; nothing more went there.
        Assert.Equal(1, fleet.Servers[1].Requests);
        Assert.Equal(9, fleet.Servers[0].Requests + fleet.Servers[2].Requests);
        Assert.Equal((1L, 1L, 1L), (stats[1].Requests, stats[1].Errors, stats[1].Ejections));
        Assert.Equal((0L, 0L), (stats[0].Errors, stats[0].Ejections));
        Assert.Equal(0, fleet.Servers[1].Probes);
    }

    [Fact]
    public async Task GenerateAsync_ServerErrorsInARow_EjectedAfterTheThreshold()
    {
        // Arrange
        using var fleet = new FleetHandler(3);
        fleet.Servers[1].Mode = ServerMode.Failing;
        using var client = FleetClient.Create(fleet, ejectAfter: 3);

        // Act
        await FleetClient.SendOneByOneAsync(client, 12);
        var stats = client.EndpointStats();

        // Assert
        Assert.Equal(3, fleet.Servers[1].Requests);
        Assert.Equal((3L, 3L, 1L), (stats[1].Requests, stats[1].Errors, stats[1].Ejections));
        Assert.Equal(12, fleet.Servers[0].Requests + fleet.Servers[2].Requests);
    }

    [Fact]
    public async Task GenerateAsync_EjectedServerComesBack_ProbedAndReadmitted()
    {
        // Arrange: the second server is down for the first request, then back.
        using var fleet = new FleetHandler(2);
        fleet.Servers[1].Mode = ServerMode.Refusing;
        using var client = FleetClient.Create(fleet, coolDown: TimeSpan.FromMilliseconds(20));
        await FleetClient.SendOneByOneAsync(client, 2);
        fleet.Servers[1].Mode = ServerMode.Up;

        // Act: keep sending until it gets requests again (a hang guard bounds the wait, not a speed check).
        var sent = 2;
        for (var tries = 0; fleet.Servers[1].Requests < 3 && tries < 500; tries++)
        {
            await Task.Delay(10);
            await FleetClient.SendOneByOneAsync(client, 1, sent++);
        }

        var stats = client.EndpointStats();

        // Assert
        Assert.True(fleet.Servers[1].Probes >= 1, "never probed");
        Assert.True(fleet.Servers[1].Requests >= 3, $"not re-admitted: {fleet.Servers[1].Requests} request(s)");
        Assert.Equal(1L, stats[1].Ejections);
    }

    [Fact]
    public async Task GenerateAsync_EjectedServerComesBackOnAProbe_TakesRequestsAgain()
    {
        // Arrange: both servers refuse; the first is ejected (the other is still in rotation) and comes back on its
        // second probe; the second, the last in rotation, is never ejected and keeps failing.
        using var fleet = new FleetHandler(2);
        var back = fleet.Servers[0];
        back.Mode = ServerMode.Refusing;
        back.OnProbe = s => s.Mode = s.Probes >= 2 ? ServerMode.Up : ServerMode.Refusing;
        fleet.Servers[1].Mode = ServerMode.Refusing;
        using var client = FleetClient.Create(fleet, coolDown: TimeSpan.FromMilliseconds(20), maxRetries: 200);

        // Act
        var result = await client.GenerateAsync([FleetClient.Request(0)], CancellationToken.None);

        // Assert: answered by the re-admitted server: one refused attempt before its ejection, one after its re-admission.
        Assert.Equal("ok", result[0].Text);
        Assert.Equal(2, back.Requests);
        Assert.Equal(2, back.Probes);
        Assert.Equal(0, fleet.Servers[1].Probes);
    }

    [Fact]
    public async Task GenerateAsync_EveryServerStaysDown_UnavailableNamingEveryServerAndItsError()
    {
        // Arrange: the refusing server is ejected and its probes fail; the failing one is the last in rotation.
        using var fleet = new FleetHandler(2);
        fleet.Servers[0].Mode = ServerMode.Refusing;
        fleet.Servers[1].Mode = ServerMode.Failing;
        using var client = FleetClient.Create(fleet, coolDown: TimeSpan.FromMilliseconds(20), ejectAfter: 1, timeout: TimeSpan.FromMilliseconds(300), maxRetries: 20);

        // Act
        var error = await Record.ExceptionAsync(() => client.GenerateAsync([FleetClient.Request(0)], CancellationToken.None));

        // Assert
        var unavailable = Assert.IsType<ModelUnavailableException>(error);
        Assert.Contains($"{fleet.Urls[0]}: ejected, ", unavailable.Message);
        Assert.Contains($"{fleet.Urls[1]}: in rotation, HTTP 500", unavailable.Message);
        Assert.True(fleet.Servers[1].Requests >= 2, "the last server in rotation was not retried");
    }

    [Fact]
    public async Task GenerateAsync_EveryServerFailsEveryTime_RetriesExhaustedNamingEveryServer()
    {
        // Arrange: two servers failing below the ejection threshold: the retries alternate between them.
        using var fleet = new FleetHandler(2);
        fleet.Servers[0].Mode = ServerMode.Failing;
        fleet.Servers[1].Mode = ServerMode.Failing;
        using var client = FleetClient.Create(fleet, ejectAfter: 10, maxRetries: 3);

        // Act
        var error = await Record.ExceptionAsync(() => client.GenerateAsync([FleetClient.Request(0)], CancellationToken.None));

        // Assert
        var unavailable = Assert.IsType<ModelUnavailableException>(error);
        Assert.Equal((4, 500), (unavailable.Attempts, unavailable.StatusCode));
        Assert.Contains($"{fleet.Urls[0]}: in rotation, HTTP 500", unavailable.Message);
        Assert.Contains($"{fleet.Urls[1]}: in rotation, HTTP 500", unavailable.Message);
        Assert.Equal(4, fleet.Servers.Sum(s => s.Requests));
    }
}
