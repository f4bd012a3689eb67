using DataForge.Core.Options;
using DataForge.Core.Steps;
using DataForge.Generation.Novelty;

namespace DataForge.Pipelines.Registry;

/// <summary>The generation step types: <c>novelty-filter</c>.</summary>
internal static class GenerationSteps
{
    public static void Register(StepRegistry registry)
    {
        registry.Register(new StepTypeDefinition("novelty-filter", StepRole.Map, "Drops records whose Rouge-L F against any earlier accepted record exceeds the threshold (streaming, exact).",
            [
                new("threshold", OptionKind.Float, 0.7, "a record whose max Rouge-L F is above this is dropped as near_duplicate") { Min = 0, Max = 1 },
                new("nearest", OptionKind.Integer, 10L, "nearest accepted records written to meta.rouge_l_nearest") { Min = 0, Max = 100 },
                new("field", OptionKind.String, "instruction", "the compared text: instruction, or instruction+input") { Allowed = ["instruction", "instruction+input"] },
                new("stem", OptionKind.Boolean, false, "Porter-stem tokens longer than three characters before comparing (rouge_score use_stemmer; off in Self-Instruct and Ensemble-Instruct)"),
            ],
            c => new NoveltyFilter(new NoveltyFilterOptions
            {
                Threshold = c.Options.GetFloat("threshold")!.Value,
                Nearest = (int)c.Options.GetInteger("nearest")!.Value,
                Field = c.Options.GetString("field")!,
                Stem = c.Options.GetBoolean("stem")!.Value,
            })));
    }
}
