using System.Globalization;
using System.Text;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Runs;
using DataForge.Pipelines.Validation;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>
/// <c>dataforge lintseq</c>: LintSeq on files, folders or JSONL. It composes a pipeline
/// (read each path → lintseq → write) and runs it like any other, so it gets the same validation,
/// caching, resumption and run folder.
/// </summary>
internal sealed class LintSeqCommand : AsyncCommand<LintSeqSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LintSeqSettings settings, CancellationToken cancellationToken)
    {
        var loaded = PipelineLoader.LoadText(Compose(settings), "(dataforge lintseq)", Environment.CurrentDirectory, [], StepRegistry.CreateDefault());
        DiagnosticPrinter.Print(loaded.Diagnostics);
        if (loaded.Spec is not { } spec)
        {
            return ExitCodes.Configuration;
        }

        var executor = new RunExecutor(spec, new RunRequest(settings.Out, settings.Force), TimeProvider.System);
        Console.Error.WriteLine($"lintseq run {executor.RunId} -> {Path.GetRelativePath(Environment.CurrentDirectory, executor.RunDirectory)}");
        return await RunEnding.RunAsync(
            executor,
            TimeSpan.FromSeconds(10),
            r => $"run {r.RunId} finished: {r.Kept} edit sequences, {r.Rejected} rejected -> {r.RunDirectory}",
            cancellationToken);
    }

    private static string Compose(LintSeqSettings settings)
    {
        var toml = new StringBuilder();
        toml.Append("[run]\nname = \"lintseq\"\n").Append(CultureInfo.InvariantCulture, $"seed = {settings.Seed}\n");
        if (settings.Limit is { } limit)
        {
            toml.Append(CultureInfo.InvariantCulture, $"limit = {limit}\n");
        }

        var inputs = new List<string>();
        for (var i = 0; i < settings.Paths.Length; i++)
        {
            inputs.Add($"\"in{i + 1}\"");
            toml.Append(CultureInfo.InvariantCulture, $"\n[[steps]]\nname = \"in{i + 1}\"\ntype = \"read\"\npath = {Quote(settings.Paths[i])}\n");
        }

        toml.Append(CultureInfo.InvariantCulture, $"\n[[steps]]\nname = \"lintseq\"\ntype = \"lintseq\"\ninput = [{string.Join(", ", inputs)}]\n");
        toml.Append(CultureInfo.InvariantCulture, $"s = {settings.Sequences}\nlinter = {Quote(settings.Linter)}\nlanguage = {Quote(settings.Language)}\n");
        toml.Append("\n[[steps]]\nname = \"out\"\ntype = \"write\"\ninput = \"lintseq\"\n");
        if (settings.Format == "reference-jsonl")
        {
            toml.Append(CultureInfo.InvariantCulture, $"\n[[steps]]\nname = \"reference\"\ntype = \"write-reference-jsonl\"\ninput = \"lintseq\"\ns = {settings.Sequences}\n");
        }

        return toml.ToString();
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
