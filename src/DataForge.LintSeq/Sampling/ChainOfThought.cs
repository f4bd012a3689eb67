using System.Text.RegularExpressions;

namespace DataForge.LintSeq.Sampling;

/// <summary>
/// Step 0 of the reference driver: when a response holds fenced code blocks of the program's
/// language, keep only their contents, joined with "\n" and stripped; otherwise keep the response.
/// </summary>
public static partial class ChainOfThought
{
    /// <summary>The program inside <paramref name="response"/>.</summary>
    public static string Strip(string response, string language)
    {
        ArgumentNullException.ThrowIfNull(response);
        var fence = language == "csharp" ? CSharpFence() : PythonFence();
        var blocks = fence.Matches(response).Select(m => m.Groups["code"].Value).ToList();
        return blocks.Count == 0 ? response : Diffs.PyText.Strip(string.Join("\n", blocks));
    }

    [GeneratedRegex(@"```python[^\n]*\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonFence();

    [GeneratedRegex(@"```(csharp|cs|c#)[^\n]*\n(?<code>.*?)```", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex CSharpFence();
}
