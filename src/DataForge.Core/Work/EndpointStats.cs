namespace DataForge.Core.Work;

/// <summary>What one server of a model's fleet did during a run (an entry of <c>endpoints</c> in <c>manifest.json</c>).</summary>
/// <param name="Url">The base URL, without any user name or password.</param>
/// <param name="Requests">Attempts sent to it (a retried request counts once per attempt; answers from the run store are never sent).</param>
/// <param name="Share">Its share of the attempts sent to the whole fleet (0 to 1).</param>
/// <param name="Errors">Attempts that failed: no answer (refused, reset, timed out), HTTP 429 or 5xx, an unreadable body, or a refusal of the client.</param>
/// <param name="Ejections">Times it was taken out of the rotation after failing.</param>
/// <param name="LatencyMeanMs">Mean time of its successful attempts, in milliseconds; null when none succeeded.</param>
/// <param name="LatencyP95Ms">95th percentile of that time (within 2 %); null when none succeeded.</param>
public sealed record EndpointStats(string Url, long Requests, double Share, long Errors, long Ejections, double? LatencyMeanMs, double? LatencyP95Ms);
