using System.Globalization;
using DataForge.Storage.Runs;

namespace DataForge.Cli.Commands;

/// <summary>A build's changes since the previous build, in a few characters, from its manifest (empty for a first build).</summary>
internal static class BuildChanges
{
    public static string Of(RunManifest manifest)
        => manifest.Diff is not { } diff ? "" : string.Create(CultureInfo.InvariantCulture, $"+{diff.Kept.Added} -{diff.Kept.Removed} ~{diff.Kept.Changed}");
}
