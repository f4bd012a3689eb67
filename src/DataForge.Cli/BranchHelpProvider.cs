using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace DataForge.Cli;

/// <summary>
/// Help for a branch that also runs on its own (<c>dataforge review PATH</c> beside <c>dataforge review export PATH</c>):
/// the branch's usage, arguments and options are those of its default command, followed by its subcommands,
/// so <c>dataforge review --help</c> documents PATH and every option instead of only listing <c>export</c>.
/// </summary>
internal sealed class BranchHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    /// <inheritdoc />
    public override IEnumerable<IRenderable> GetUsage(ICommandModel model, ICommandInfo? command)
        => base.GetUsage(model, DefaultOf(command) ?? command);

    /// <inheritdoc />
    public override IEnumerable<IRenderable> GetArguments(ICommandModel model, ICommandInfo? command)
        => base.GetArguments(model, DefaultOf(command) ?? command);

    /// <inheritdoc />
    public override IEnumerable<IRenderable> GetOptions(ICommandModel model, ICommandInfo? command)
        => base.GetOptions(model, DefaultOf(command) ?? command);

    private static ICommandInfo? DefaultOf(ICommandInfo? command) => command is { IsBranch: true, DefaultCommand: { } runs } ? runs : null;
}
