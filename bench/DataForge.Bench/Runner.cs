using System.Collections.Concurrent;
using System.Diagnostics;
using DataForge.Core.Steps;
using DataForge.LintSeq.Diffs;
using DataForge.LintSeq.Languages;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Sampling;

namespace DataForge.Bench;

/// <summary>One sampled sequence: which program and k, its cost and a fingerprint of its deletion sets.</summary>
internal sealed record SequenceResult(int Program, int K, int LintCalls, int Edits, double Seconds, string Fingerprint);

/// <summary>One table row's measurements.</summary>
internal sealed record RunResult(IReadOnlyList<SequenceResult> Sequences, double WallSeconds, double CpuSeconds, int Programs, int NoCandidates, IReadOnlyList<string> Failures, double OwnCpuSeconds = double.NaN)
{
    public int LintCalls => Sequences.Sum(s => s.LintCalls);

    public double SequencesPerSecond => Sequences.Count / WallSeconds;
}

/// <summary>
/// The lintseq step's per-program memo (MemoLinter): each distinct state of one program's sequences is
/// linted once; <see cref="Calls"/> counts the checks that reached the linter.
/// </summary>
internal sealed class StateMemo(ILinter inner) : ILinter
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<LintMessage>> _answers = new(StringComparer.Ordinal);
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public string Name => inner.Name;

    public string RuleSet => inner.RuleSet;

    public async ValueTask<IReadOnlyList<LintMessage>> LintAsync(string program, CancellationToken cancellationToken)
    {
        if (_answers.TryGetValue(program, out var known))
        {
            return known;
        }

        Interlocked.Increment(ref _calls);
        var answer = await inner.LintAsync(program, cancellationToken).ConfigureAwait(false);
        _answers.TryAdd(program, answer);
        return answer;
    }
}

/// <summary>Runs LintSeq's sampler over programs, in parallel over programs, the way the LintSeq step does per program.</summary>
internal static class Runner
{
    /// <summary>The run seed of every sequence: sequence k of program p is seeded from (Seed, p's id / k).</summary>
    public const long Seed = 20241001;

    public static async Task<RunResult> RunAsync(Corpus corpus, IReadOnlyList<int> programIndices, ILanguageRules rules, ILinter linter, int sequences, int parallelism, string label)
    {
        var options = LintSeqOptions.Default with { Sequences = sequences };
        var results = new ConcurrentBag<SequenceResult>();
        var failures = new ConcurrentBag<string>();
        var noCandidates = 0;
        var done = 0;
        var cpu = CpuMeter.Now();
        var own = CpuMeter.Own();
        var wall = Stopwatch.StartNew();
        var lastReport = 0L;
        await Parallel.ForEachAsync(
            programIndices,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (index, cancellationToken) =>
            {
                var program = corpus.Programs[index];
                var structure = rules.Analyze(program.Lines, options.IndentBiasFactor);
                if (structure.Candidates.Count == 0)
                {
                    Interlocked.Increment(ref noCandidates);
                    return;
                }

                // As the lintseq step: one answer per distinct state of the program's s sequences, and the
                // whole program linted first (the step's syntax check and preexisting_errors), counted in sequence 0.
                var memo = new StateMemo(linter);
                var sampler = new LintSeqSampler(memo, options);
                for (var k = 0; k < sequences; k++)
                {
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        var callsBefore = memo.Calls;
                        if (k == 0)
                        {
                            await memo.LintAsync(string.Join("\n", program.Lines), cancellationToken).ConfigureAwait(false);
                        }

                        var random = DeterministicRandom.Create(Seed, $"{program.Id}/{k}", "lintseq");
                        var sequence = await sampler.SampleAsync(program.Lines, structure, random, cancellationToken).ConfigureAwait(false);
                        var edits = EditPath.Inflate(program.Lines, sequence.Deletions, options.KeepEmptyDiffs);
                        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                        var fingerprint = string.Join(";", sequence.Deletions.Select(d => string.Join(",", d.Order())));
                        results.Add(new SequenceResult(index, k, memo.Calls - callsBefore, edits.Count, seconds, fingerprint));
                    }
                    catch (LinterFailedException e)
                    {
                        failures.Add($"{program.Id}/{k}: {e.Message}");
                    }
                }

                var finished = Interlocked.Increment(ref done);
                var now = wall.ElapsedMilliseconds;
                if (now - Interlocked.Read(ref lastReport) >= 15000)
                {
                    Interlocked.Exchange(ref lastReport, now);
                    Console.Error.WriteLine($"  {label}: {finished}/{programIndices.Count} programs, {wall.Elapsed.TotalSeconds:F0} s");
                }
            }).ConfigureAwait(false);
        wall.Stop();
        cpu = CpuMeter.Now() - cpu;
        own = CpuMeter.Own() - own;
        return new RunResult([.. results.OrderBy(r => r.Program).ThenBy(r => r.K)], wall.Elapsed.TotalSeconds, cpu, programIndices.Count, noCandidates, [.. failures.Order(StringComparer.Ordinal)], own);
    }
}
