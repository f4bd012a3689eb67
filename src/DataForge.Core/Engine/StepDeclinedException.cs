namespace DataForge.Core.Engine;

/// <summary>
/// A step's block stopped accepting records before its input was complete. This is a consequence of a
/// failure elsewhere (the block faulted or was cancelled), so the engine reports the root cause instead
/// whenever there is one.
/// </summary>
internal sealed class StepDeclinedException : InvalidOperationException
{
    public StepDeclinedException()
        : base("A step stopped accepting records before its input was complete.")
    {
    }
}
