namespace DataForge.Storage.Runs;

/// <summary>The shards' columns as the dataset card describes them: Hugging Face feature types and what each holds.</summary>
internal static class CardColumns
{
    /// <summary>Name, Hugging Face <c>dtype</c> (null for <c>messages</c>, a list of role/content structs; <c>sequence</c> for <c>edits</c>), and meaning.</summary>
    public static readonly IReadOnlyList<(string Name, string? Dtype, string Meaning)> All =
    [
        ("id", "string", "content hash of the record: stable across runs, the key of review verdicts"),
        ("kind", "string", "`instruction` (instruction / input / output or messages) or `edit_sequence` (a LintSeq program and its edits)"),
        ("instruction", "string", "the instruction (for an edit sequence: the task the program solves)"),
        ("input", "string", "optional context for the instruction"),
        ("output", "string", "the answer; for an edit sequence the whole program"),
        ("messages", null, "the whole conversation, as role / content pairs"),
        ("language", "string", "programming language of code records (python, csharp)"),
        ("edits", "sequence", "insertion-only unified diffs that build the program from nothing, each state lint-clean"),
        ("parent_id", "string", "the record this one was derived from"),
        ("root_id", "string", "the seed at the root of its lineage"),
        ("operation", "string", "how it was made from its parent (an Evol-Instruct operation, lintseq, ...)"),
        ("round", "int32", "the evolution round"),
        ("model", "string", "identity of the model that made it (name@weights hash)"),
        ("prompt_id", "string", "the prompt template used (id@hash)"),
        ("ifd", "float64", "instruction-following difficulty"),
        ("ic_ifd", "float64", "in-context IFD"),
        ("less", "float64", "LESS gradient similarity to the target examples"),
        ("s2l_cluster", "int32", "S2L loss-trajectory cluster"),
        ("votes", "string", "the ensemble vote as JSON: candidates, pairwise Rouge-L, winner"),
        ("meta", "string", "other deterministic metadata as JSON"),
        ("source", "string", "the seed's relative file:line, carried to every record derived from it"),
        ("origin", "string", "the read step its seed came from"),
        ("run_id", "string", "the run that wrote it"),
        ("step", "string", "the step that produced it (in rejects: the step that dropped it)"),
        ("reason", "string", "why a selection kept it; in rejects, why it was dropped"),
    ];
}
