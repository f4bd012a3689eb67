using DataForge.Core.Options;
using DataForge.Core.Diagnostics;
using DataForge.Core.Seams;
using DataForge.Core.Steps;
using DataForge.Scoring.S2l;

namespace DataForge.Pipelines.Registry;

/// <summary>The S2L selection step type: <c>select-s2l</c>.</summary>
internal static class S2lSteps
{
    public static void Register(StepRegistry registry)
    {
        var defaults = S2lSelectorOptions.Default;
        registry.Register(new StepTypeDefinition("select-s2l", StepRole.Barrier, "S2L selection: trains a small proxy on the pool, clusters the records' loss trajectories with k-means and keeps a budget balanced over the clusters (and sources), smallest first.",
            [
                new("proxy", OptionKind.ModelRef, null, "the model trained as the proxy (a torch or tiny model: one that can be trained)") { Required = true },
                new("budget", OptionKind.Integer, null, "records to keep (set this or fraction)") { Min = 1, Max = int.MaxValue },
                new("fraction", OptionKind.Float, null, "share of the pool to keep, rounded to the nearest count (set this or budget)") { Min = 0, Max = 1 },
                new("checkpoints", OptionKind.Integer, (long)defaults.Checkpoints, "loss recordings per record (T), evenly spaced over the training") { Min = 1, Max = 1000 },
                new("clusters", OptionKind.Integer, (long)defaults.Clusters, "k-means clusters K, clamped to the distinct trajectories of each source") { Min = 1, Max = 1_000_000 },
                new("epochs", OptionKind.Integer, (long)defaults.Epochs, "proxy training epochs") { Min = 1, Max = 1000 },
                new("batch_size", OptionKind.Integer, (long)defaults.BatchSize, "examples per optimizer step") { Min = 1, Max = 4096 },
                new("learning_rate", OptionKind.Float, defaults.LearningRate, "peak learning rate of the proxy (the tiny model needs about 1e-3)") { Min = 1e-12, Max = 1 },
                new("max_length", OptionKind.Integer, (long)defaults.MaxLength, "most tokens of one training example") { Min = 1, Max = 1 << 20 },
                new("stratify", OptionKind.Boolean, defaults.Stratify, "split the budget over sources (the read step a record came from) before clusters"),
            ],
            Build)
        {
            Check = CheckBudget,
        });
    }

    private static S2lSelector Build(StepBuildContext c)
    {
        var o = c.Options;
        var options = new S2lSelectorOptions
        {
            Budget = o.GetInteger("budget") is { } budget ? (int)budget : null,
            Fraction = o.GetFloat("fraction"),
            Checkpoints = (int)o.GetInteger("checkpoints")!.Value,
            Clusters = (int)o.GetInteger("clusters")!.Value,
            Epochs = (int)o.GetInteger("epochs")!.Value,
            BatchSize = (int)o.GetInteger("batch_size")!.Value,
            LearningRate = o.GetFloat("learning_rate")!.Value,
            MaxLength = (int)o.GetInteger("max_length")!.Value,
            Stratify = o.GetBoolean("stratify")!.Value,
        };
        var name = o.GetString("proxy")!;
        if (c.Model(name) is not ITrainableModelSource proxy)
        {
            throw new DataForgeConfigException($"step '{c.StepName}': the proxy model '{name}' cannot be trained; select-s2l needs a [models.{name}] with backend torch or tiny");
        }

        return new S2lSelector(proxy, options);
    }

    private static (string Key, string Message)? CheckBudget(ResolvedOptions o)
    {
        var budget = o.GetInteger("budget");
        var fraction = o.GetFloat("fraction");
        return (budget, fraction) switch
        {
            (null, null) => ("budget", "set one of 'budget' (a count) and 'fraction' (a share of the pool)"),
            (not null, not null) => ("fraction", "set only one of 'budget' and 'fraction'"),
            (null, <= 0) => ("fraction", "'fraction' must be above 0"),
            _ => null,
        };
    }
}
