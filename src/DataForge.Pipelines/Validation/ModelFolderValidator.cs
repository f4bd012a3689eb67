using DataForge.Core.Diagnostics;
using DataForge.Models.Checkpoints;

namespace DataForge.Pipelines.Validation;

/// <summary>
/// Checks the folder of every local model (<c>torch</c>, and <c>tiny</c> with a <c>path</c>) when the
/// pipeline is validated, so a broken checkpoint stops <c>validate</c> and <c>run</c> with located
/// DF1020 errors instead of failing once the run has started.
/// </summary>
internal static class ModelFolderValidator
{
    private static readonly HashSet<string> LocalBackends = ["torch", "tiny"];

    public static void Check(ModelSpec model, string pipelineDirectory, DiagnosticBag diagnostics)
    {
        if (!LocalBackends.Contains(model.Backend) || model.Options.GetString("path") is not { } path)
        {
            return;
        }

        var folder = Path.GetFullPath(path, pipelineDirectory);
        if (!Directory.Exists(folder))
        {
            return; // DF1012 already says so, or the path is a file (the loader then names it)
        }

        foreach (var problem in ModelFolderCheck.Check(folder))
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.BrokenModel, Display(problem.File), problem.Line, problem.Column, $"[models.{model.Name}]: {problem.Message}"));
        }
    }

    // Relative to the working folder when below it, as the user would type it.
    private static string Display(string file)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, file);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative;
    }
}
