using DataForge.Core.Work;

namespace DataForge.LintSeq.Linters;

/// <summary>
/// Counts each program the wrapped linter checks in the run's <see cref="WorkCounters"/>. It sits
/// under the run store's <see cref="CachingLinter"/> and the per-record memo, so only real checks
/// (worker requests, Roslyn compilations) are counted; failed checks count too.
/// </summary>
internal sealed class WorkCountingLinter(ILinter inner, WorkCounters work) : ILinter
{
    public string Name => inner.Name;

    public string RuleSet => inner.RuleSet;

    public ValueTask<IReadOnlyList<LintMessage>> LintAsync(string program, CancellationToken cancellationToken)
    {
        work.AddLintCheck();
        return inner.LintAsync(program, cancellationToken);
    }
}
