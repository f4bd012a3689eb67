using System.Text.RegularExpressions;

namespace DataForge.Storage.Readers.Code;

/// <summary>
/// The <c>instruction</c> of a record read from a code file: the program's own description (a Python
/// docstring, a C# type's summary), else the read step's <c>code_instruction</c> template with
/// <c>{language}</c>, <c>{file}</c> (the path as in <c>source</c>) and <c>{name}</c> (the file name)
/// filled in; the default template is empty, which leaves the instruction empty.
/// </summary>
internal static partial class CodeInstruction
{
    /// <summary>The placeholders a template may use.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["{language}", "{file}", "{name}"];

    /// <summary>The instruction of <paramref name="program"/>.</summary>
    /// <param name="program">The program (LF line ends).</param>
    /// <param name="language">Its language, from the extension.</param>
    /// <param name="file">Its path relative to the base folder, '/' separators.</param>
    /// <param name="template">The template used when the program describes nothing.</param>
    public static string For(string program, string? language, string file, string template)
    {
        var described = language switch
        {
            "python" => PythonDocstring.Of(program),
            "csharp" => CSharpSummary.Of(program),
            _ => null,
        };
        return described ?? template
            .Replace("{language}", language ?? string.Empty, StringComparison.Ordinal)
            .Replace("{file}", file, StringComparison.Ordinal)
            .Replace("{name}", file[(file.LastIndexOf('/') + 1)..], StringComparison.Ordinal);
    }

    /// <summary>The problem of a template (a placeholder that is not one of <see cref="Placeholders"/>), or null.</summary>
    public static string? Problem(string template)
    {
        var unknown = Placeholder().Matches(template).Select(m => m.Value).FirstOrDefault(p => !Placeholders.Contains(p));
        return unknown is null ? null : $"'{unknown}' is not a placeholder; use {string.Join(", ", Placeholders)}";
    }

    [GeneratedRegex(@"\{[^{}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
