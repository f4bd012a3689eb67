using System.Reflection;

namespace DataForge.LintSeq.Linters;

/// <summary>The embedded <c>lint_worker.py</c>, passed to <c>python3 -c</c>.</summary>
internal static class PythonWorkerScript
{
    private const string ResourceName = "DataForge.LintSeq.lint_worker.py";

    private static readonly Lazy<string> Text = new(Load);

    /// <summary>The script's text.</summary>
    public static string Source => Text.Value;

    private static string Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
