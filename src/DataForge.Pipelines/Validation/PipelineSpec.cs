using DataForge.Pipelines.Registry;

namespace DataForge.Pipelines.Validation;

/// <summary>A validated pipeline: every key typed, defaults filled in, inputs resolved.</summary>
/// <param name="File">The pipeline file as the user named it.</param>
/// <param name="Directory">Full path of the file's folder.</param>
/// <param name="Run">The <c>[run]</c> settings.</param>
/// <param name="Models">The <c>[models.NAME]</c> tables, by name.</param>
/// <param name="Steps">The steps in file order.</param>
public sealed record PipelineSpec(string File, string Directory, RunSection Run, IReadOnlyDictionary<string, ModelSpec> Models, IReadOnlyList<StepSpec> Steps);

/// <summary>The <c>[run]</c> table.</summary>
/// <param name="Name">Names <c>output/NAME/</c>.</param>
/// <param name="Seed">The run seed.</param>
/// <param name="MaxErrorFraction">Above this share of error rejects the run exits with code 3.</param>
/// <param name="Parallelism">Default records in flight per step.</param>
/// <param name="Capacity">Default bounded buffer per step.</param>
/// <param name="Limit">Most kept records per read step.</param>
/// <param name="License">The dataset card's license (<c>license</c>); null: unknown.</param>
/// <param name="Language">The dataset card's languages (<c>language</c>); null: English.</param>
/// <param name="WarnDropFraction">A step dropping more than this share of its input gets a note (<c>warn_drop_fraction</c>).</param>
public sealed record RunSection(string Name, long Seed, double MaxErrorFraction, int Parallelism, int Capacity, long? Limit, string? License = null, IReadOnlyList<string>? Language = null, double WarnDropFraction = 0.5);

/// <summary>A <c>[models.NAME]</c> table.</summary>
/// <param name="Name">The model's name in the pipeline.</param>
/// <param name="Backend"><c>tiny</c>, <c>torch</c> or <c>openai</c>.</param>
/// <param name="Options">Its keys.</param>
public sealed record ModelSpec(string Name, string Backend, ResolvedOptions Options);

/// <summary>One step.</summary>
/// <param name="Name">Unique name.</param>
/// <param name="Definition">Its type.</param>
/// <param name="Inputs">The steps it reads, in order.</param>
/// <param name="Options">Its type's keys.</param>
/// <param name="Parallelism">Records in flight.</param>
/// <param name="Capacity">Bounded buffer size.</param>
public sealed record StepSpec(string Name, StepTypeDefinition Definition, IReadOnlyList<string> Inputs, ResolvedOptions Options, int Parallelism, int Capacity);
