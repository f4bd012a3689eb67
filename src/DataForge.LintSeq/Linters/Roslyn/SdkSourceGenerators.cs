using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DataForge.LintSeq.Linters.Roslyn;

/// <summary>
/// The source generators a .NET project gets from its targeting pack (<c>[GeneratedRegex]</c>,
/// <c>[JsonSerializable]</c>, <c>[LibraryImport]</c>, …), loaded from the installed SDK's
/// <c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/analyzers/dotnet/cs</c> folder. Without them a program
/// using <c>[GeneratedRegex]</c> would fail with CS8795 although it builds. Where no SDK is installed the
/// list is empty (and <see cref="Description"/> says <c>none</c>).
/// </summary>
internal static class SdkSourceGenerators
{
    private static readonly Lazy<(ImmutableArray<ISourceGenerator> Generators, string Description)> Loaded =
        new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The generators (possibly empty).</summary>
    public static ImmutableArray<ISourceGenerator> Generators => Loaded.Value.Generators;

    /// <summary><c>sdk-&lt;pack version&gt;</c>, or <c>none</c>.</summary>
    public static string Description => Loaded.Value.Description;

    private static (ImmutableArray<ISourceGenerator>, string) Load()
    {
        var folder = AnalyzerFolder();
        if (folder is null)
        {
            return ([], "none");
        }

        var loader = new DefaultContextLoader();
        var generators = ImmutableArray.CreateBuilder<ISourceGenerator>();
        foreach (var path in Directory.EnumerateFiles(folder.Value.Path, "*.dll").Order(StringComparer.Ordinal))
        {
            try
            {
                generators.AddRange(new AnalyzerFileReference(path, loader).GetGenerators(LanguageNames.CSharp));
            }
            catch (Exception e) when (e is IOException or BadImageFormatException or FileLoadException or ReflectionTypeLoadException)
            {
                // A generator that cannot load is left out; the others still run.
            }
        }

        return generators.Count == 0 ? ([], "none") : (generators.ToImmutable(), $"sdk-{folder.Value.Version}");
    }

    /// <summary>The analyzer folder of the newest targeting pack matching the running runtime's major version.</summary>
    private static (string Path, string Version)? AnalyzerFolder()
    {
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } env && Directory.Exists(env)
            ? env
            : runtimeDir is null ? null : Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        var packs = root is null ? null : Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        if (packs is null || !Directory.Exists(packs))
        {
            return null;
        }

        var major = Environment.Version.Major;
        var best = Directory.EnumerateDirectories(packs)
            .Select(d => (Dir: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
            .Where(x => x.Version is not null && x.Version.Major == major)
            .OrderByDescending(x => x.Version)
            .Select(x => ((string Path, string Version)?)(Path.Combine(x.Dir, "analyzers", "dotnet", "cs"), Path.GetFileName(x.Dir)))
            .FirstOrDefault();
        return best is { } found && Directory.Exists(found.Path) ? found : null;
    }

    /// <summary>Loads generator assemblies into the default context, where Roslyn itself lives.</summary>
    private sealed class DefaultContextLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }
}
