namespace DataForge.Pipelines.Runs;

/// <summary>One rejected record, as echoed at the end of a run.</summary>
/// <param name="Step">The step that rejected it.</param>
/// <param name="Reason">The reject reason.</param>
/// <param name="Source">Where it came from (<c>file:line</c> for read rejects), when known.</param>
/// <param name="Detail">What was wrong, when the step said.</param>
public sealed record RejectExample(string Step, string Reason, string? Source, string? Detail);
