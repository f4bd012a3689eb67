using DataForge.Core.Diagnostics;

namespace DataForge.Pipelines.Validation;

/// <summary>A loaded pipeline, or the diagnostics that stop it (warnings may come with a spec).</summary>
/// <param name="Spec">The validated pipeline; null when there were errors.</param>
/// <param name="Diagnostics">Every diagnostic, sorted by position.</param>
public sealed record LoadResult(PipelineSpec? Spec, IReadOnlyList<Diagnostic> Diagnostics);
