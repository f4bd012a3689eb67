using DataForge.Core.Diagnostics;

namespace DataForge.Cli;

/// <summary>Prints diagnostics one a line, in the <c>FILE(LINE,COL): error DFnnnn: message</c> form, on stderr.</summary>
internal static class DiagnosticPrinter
{
    public static void Print(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Console.Error.WriteLine(diagnostic.ToString());
        }
    }
}
