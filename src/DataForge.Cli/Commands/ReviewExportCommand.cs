using System.Text;
using DataForge.Review;
using DataForge.Review.Verdicts;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary><c>dataforge review export PATH</c>: the verdicts given in the review tool, as the JSONL builds read.</summary>
internal sealed class ReviewExportCommand : Command<ReviewExportSettings>
{
    public override int Execute(CommandContext context, ReviewExportSettings settings, CancellationToken cancellationToken)
    {
        ReviewTarget target;
        try
        {
            target = ReviewTarget.Resolve(settings.Path, settings.IndexDirectory);
        }
        catch (ReviewPathException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }

        var store = Path.Combine(target.IndexDirectory, VerdictStore.FileName);
        if (!File.Exists(store))
        {
            Console.Error.WriteLine($"review export: no verdicts yet ({store} does not exist)");
        }

        var verdicts = File.Exists(store) ? new VerdictStore(store).All() : Core.Review.ReviewVerdicts.Empty;
        var text = VerdictStore.Format(verdicts);
        if (settings.Out is { } path)
        {
            File.WriteAllText(path, text, new UTF8Encoding(false));
            Console.Error.WriteLine($"review export: {verdicts.Count} verdicts ({verdicts.AcceptCount} accept, {verdicts.RejectCount} reject, {verdicts.FlagCount} flag) -> {path}");
        }
        else
        {
            Console.Out.Write(text);
        }

        return ExitCodes.Finished;
    }
}
