using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>One step of a validated plan, ready to wire.</summary>
/// <param name="Name">Unique step name.</param>
/// <param name="Type">The step's <c>type</c> (kebab-case); part of its cache key.</param>
/// <param name="Step">The step instance.</param>
/// <param name="Inputs">Names of the steps it reads, in order (their records are merged in this order).</param>
/// <param name="Fingerprint">Canonical text of the step's resolved options; part of its cache key.</param>
/// <param name="Parallelism">Records worked on at once (capped by <see cref="Step.MaxParallelism"/>).</param>
/// <param name="Capacity">Bounded buffer size of the step's blocks.</param>
/// <param name="Refresh">Recompute every result: cache lookups miss, fresh results are still stored (<c>--refresh MODEL</c> for a step that uses that model).</param>
/// <param name="BuildIdentity">What the step obtained when it was built (its models' identities, the content of its files); part of its cache key.</param>
public sealed record GraphNode(string Name, string Type, Step Step, IReadOnlyList<string> Inputs, string Fingerprint, int Parallelism, int Capacity, bool Refresh = false, string BuildIdentity = "");
