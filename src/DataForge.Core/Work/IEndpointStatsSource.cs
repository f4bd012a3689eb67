namespace DataForge.Core.Work;

/// <summary>A model that sends its requests to servers and counts, per server, what it sent and what came back.</summary>
public interface IEndpointStatsSource
{
    /// <summary>One entry per server, in the order the servers were configured; counts so far.</summary>
    IReadOnlyList<EndpointStats> EndpointStats();
}
