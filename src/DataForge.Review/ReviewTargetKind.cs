namespace DataForge.Review;

/// <summary>What the review tool was pointed at.</summary>
public enum ReviewTargetKind
{
    /// <summary>One run folder (it has a <c>manifest.json</c>).</summary>
    Run,

    /// <summary>A pipeline's output folder: its <c>latest</c> run first, the others selectable.</summary>
    Output,

    /// <summary>A builds folder <c>builds/NAME</c>: every build, newest first.</summary>
    Builds,
}
