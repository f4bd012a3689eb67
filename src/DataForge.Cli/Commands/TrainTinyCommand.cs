using System.Globalization;
using DataForge.Models.Torch.Tiny;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary><c>dataforge model train-tiny</c>: trains an embedded model on the repo's own text and saves a Hugging Face checkpoint folder.</summary>
internal sealed class TrainTinyCommand : Command<TrainTinySettings>
{
    private static readonly string[] DefaultCorpus = ["seeds", "pipelines", "README.md", "CONTRIBUTING.md"];

    public override int Execute(CommandContext context, TrainTinySettings settings, CancellationToken cancellationToken)
    {
        var roots = DefaultCorpus.Where(p => Directory.Exists(p) || File.Exists(p)).Concat(settings.Corpus).ToList();
        if (roots.Count == 0)
        {
            Console.Error.WriteLine("error: no training text: run from the repository root (it reads seeds/, pipelines/ and the top-level docs) or give --corpus DIR");
            return ExitCodes.Usage;
        }

        var corpus = TinyCorpus.Read(roots);
        var options = new TinyTrainingOptions
        {
            Size = Enum.Parse<TinyModelSize>(settings.Size, ignoreCase: true),
            Seed = settings.Seed,
            Steps = settings.Steps,
            VocabularySize = settings.Vocabulary,
            ContextLength = settings.Context,
        };
        var report = TinyModelTrainer.Train(corpus, options, settings.Out, line => Console.Error.WriteLine($"train-tiny: {line}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"saved {settings.Out}: {report.Parameters / 1e6:F2}M parameters, vocabulary {report.Vocabulary}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"validation loss {report.ValidationLoss:F3} nats/token (untrained: {report.UntrainedLoss:F3}; final train loss {report.FinalTrainLoss:F3}) over {report.ValidationTokens} held-out tokens"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"took {report.Elapsed.TotalSeconds:F0} s"));
        return ExitCodes.Finished;
    }
}
