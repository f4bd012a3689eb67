namespace DataForge.Review;

/// <summary>One run folder the review tool shows.</summary>
/// <param name="Name">Its folder name (a run id, or a build's <c>TIMESTAMP-HASH</c>); the <c>run</c> query parameter selects it.</param>
/// <param name="Folder">The run folder's full path (a <c>latest</c> link resolved).</param>
public sealed record ReviewRun(string Name, string Folder);
