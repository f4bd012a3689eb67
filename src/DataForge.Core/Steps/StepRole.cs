namespace DataForge.Core.Steps;

/// <summary>The shape of a step, which decides how the engine wires it.</summary>
public enum StepRole
{
    /// <summary>Produces records from outside (files).</summary>
    Source,

    /// <summary>One record in, at most one out.</summary>
    Map,

    /// <summary>One record in, any number out.</summary>
    Expand,

    /// <summary>One record in, kept or dropped.</summary>
    Filter,

    /// <summary>One record in, at most one out; records are grouped into batches for a model, and each record's result is cached on its own.</summary>
    Batched,

    /// <summary>Needs the whole stream before it emits (clustering, top-k).</summary>
    Barrier,

    /// <summary>Consumes records (writers).</summary>
    Sink,
}
