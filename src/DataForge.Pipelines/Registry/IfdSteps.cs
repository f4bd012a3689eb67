using DataForge.Core.Options;
using DataForge.Core.Steps;
using DataForge.Scoring.Ifd;

namespace DataForge.Pipelines.Registry;

/// <summary>The IFD scoring step type: <c>score-ifd</c>.</summary>
internal static class IfdSteps
{
    public static void Register(StepRegistry registry)
    {
        registry.Register(new StepTypeDefinition("score-ifd", StepRole.Barrier, "Scores every record with IFD (Cherry_LLM) or IC-IFD (Evolution-Analysis) under a scoring model, batched across records.",
            [
                new("model", OptionKind.ModelRef, null, "the scoring model") { Required = true },
                new("metric", OptionKind.String, "ifd", "ifd: Cherry_LLM's IFD; ic_ifd: Evolution-Analysis's IFD and IC-IFD") { Allowed = ["ifd", "ic_ifd"] },
                new("prompt_format", OptionKind.String, "alpaca", "IFD's prompt format: alpaca, wiz, vicuna or none (IC-IFD uses no template)") { Allowed = [.. IfdPromptFormat.Names] },
                new("max_length", OptionKind.Integer, null, "tokens of prompt + answer scored; 0: no truncation (default 512 for ifd, 0 for ic_ifd)") { Min = 0 },
                new("ratio", OptionKind.String, "loss", "loss: s(A|Q) / s(A); ppl: exp(s(A|Q) - s(A)) (Superfiltering)") { Allowed = ["loss", "ppl"] },
                new("drop_above_one", OptionKind.Boolean, null, "drop records with IFD above 1 (default: true for ifd, false for ic_ifd)"),
                new("batch_records", OptionKind.Integer, 32L, "records scored per model call") { Min = 1, Max = 65536 },
            ],
            c =>
            {
                var o = c.Options;
                var options = new IfdOptions
                {
                    Metric = o.GetString("metric") == "ic_ifd" ? IfdMetric.IcIfd : IfdMetric.Ifd,
                    PromptFormat = o.GetString("prompt_format")!,
                    Ratio = o.GetString("ratio") == "ppl" ? IfdRatio.Perplexity : IfdRatio.Loss,
                    DropAboveOne = o.GetBoolean("drop_above_one"),
                    BatchRecords = (int)o.GetInteger("batch_records")!.Value,
                };
                if (o.GetInteger("max_length") is { } maxLength)
                {
                    options = options with { MaxLength = (int)Math.Min(int.MaxValue, maxLength) };
                }

                return new IfdScorer(c.Model(o.GetString("model")!), options);
            })
        {
            Check = o => o.GetString("metric") == "ic_ifd" && o.GetInteger("max_length") is > 0
                ? ("max_length", "applies to metric = \"ifd\" only: IC-IFD scores whole texts, as Evolution-Analysis")
                : null,
        });
    }
}
