using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Linters.Roslyn;

namespace DataForge.LintSeq.Tests.Step;

/// <summary>The real <c>lintseq</c> step as the pipeline builds it (pylint for Python, Roslyn for C#), without a run store.</summary>
internal static class TestSteps
{
    public static LintSeqExpander LintSeq(PythonLinterOptions python) => new(
        new LintSeqExpanderOptions(),
        new LinterSet("auto", python, new RoslynLinterOptions(), cache: null));
}
