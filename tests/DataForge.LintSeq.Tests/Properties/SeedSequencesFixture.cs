using System.Text.Json;
using DataForge.Core.Records;
using DataForge.LintSeq.Linters;
using DataForge.Testing;
using Xunit;

namespace DataForge.LintSeq.Tests.Properties;

/// <summary>Every seed program of both languages run once through the real <c>lintseq</c> step (s = 5, pylint and Roslyn).</summary>
public sealed class SeedSequencesFixture : IAsyncLifetime
{
    public const long RunSeed = 1;

    public IReadOnlyList<Sample> Programs { get; private set; } = [];

    public IReadOnlyList<Sample> Sequences { get; private set; } = [];

    public IReadOnlyList<Sample> Rejects { get; private set; } = [];

    public static IReadOnlyList<Sample> LoadSeeds()
    {
        var root = RepoPaths.Root;
        return
        [
            .. new[] { "python.jsonl", "csharp.jsonl" }
                .SelectMany(f => File.ReadLines(Path.Combine(root, "seeds", "programs", f)))
                .Where(l => l.Length > 0)
                .Select(l => JsonDocument.Parse(l).RootElement)
                .Select(j => new Sample
                {
                    Id = "",
                    Instruction = j.GetProperty("instruction").GetString(),
                    Output = j.GetProperty("output").GetString(),
                    Language = j.GetProperty("language").GetString(),
                })
                .Select(s => s with { Id = SampleId.ForContent(s) }),
        ];
    }

    public static LintSeqExpander NewStep() => Step.TestSteps.LintSeq(new PythonLinterOptions { WorkerCount = 2 });

    public static async Task<StepRunResultAndStep> RunAsync(IReadOnlyList<Sample> programs)
    {
        var step = NewStep();
        await using (step)
        {
            var result = await StepHarness.RunAsync(step, programs, RunSeed, parallelism: 2);
            return new StepRunResultAndStep(result.Outputs, result.Rejects);
        }
    }

    public async Task InitializeAsync()
    {
        Programs = LoadSeeds();
        var result = await RunAsync(Programs);
        Sequences = result.Outputs;
        Rejects = result.Rejects;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public sealed record StepRunResultAndStep(IReadOnlyList<Sample> Outputs, IReadOnlyList<Sample> Rejects);
