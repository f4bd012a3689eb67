using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Generation.Ensemble;
using DataForge.Testing;

namespace DataForge.Generation.Tests.Ensemble;

/// <summary>Seeds, a scripted generator and small options for the Ensemble-Instruct tests.</summary>
internal static class EnsembleInstructFakes
{
    private static readonly string[] OutputOnlySeeds =
    [
        "Name three primary colours of paint.",
        "Write a haiku about the first snow.",
        "List five mammals that live in the sea.",
    ];

    private static readonly (string Instruction, string Input)[] WithInputSeeds =
    [
        ("Translate the sentence into French.", "The cat sleeps."),
        ("Classify the review as positive or negative.", "Great phone, terrible battery."),
    ];

    internal static List<Sample> Seeds()
    {
        var seeds = new List<Sample>();
        foreach (var text in OutputOnlySeeds)
        {
            seeds.Add(Seed(text, null));
        }

        foreach (var (instruction, input) in WithInputSeeds)
        {
            seeds.Add(Seed(instruction, input));
        }

        return seeds;
    }

    internal static Sample Seed(string instruction, string? input)
    {
        var sample = new Sample { Id = "", Instruction = instruction, Input = input, Output = "x", Source = "seeds" };
        return sample with { Id = SampleId.ForContent(sample) };
    }

    internal static bool IsInstructionPrompt(GenerationRequest request) => request.Prompt!.EndsWith('.');

    // Instruction prompts get the scripted instructions in turn (then a fixed fallback); instance
    // prompts get `instance` (with-input) or the output-only answer.
    internal static FakeLanguageModel Scripted(Queue<string> instructions, string withInputInstance = "input: some text\noutput: a result", string outputOnlyInstance = "output: an answer")
        => new(r => IsInstructionPrompt(r)
            ? (instructions.Count > 0 ? instructions.Dequeue() : " Describe the history of the violin in four sentences.")
            : (r.Prompt!.Contains("input:", StringComparison.Ordinal) && r.Prompt.Contains("Each task below needs an input", StringComparison.Ordinal) ? withInputInstance : outputOnlyInstance),
            identity: "gen@1");

    internal static EnsembleInstructOptions Options(int instructions = 2, params EnsembleTaskType[] types)
        => new() { Instructions = instructions, Types = types.Length == 0 ? [EnsembleCategorizer.OutputOnlyName] : [.. types.Select(EnsembleCategorizer.NameOf)], BatchSize = 2, MaxPrompts = 8 };
}
