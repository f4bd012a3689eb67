using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataForge.LintSeq.Linters.Roslyn;

/// <summary>
/// The reusable parts of a check: one parse option set, the .NET 10 reference assemblies (loaded
/// once per process and shared, so Roslyn's per-reference symbol caches stay warm), the implicit
/// global usings of a .NET console project as a separate tree, one base compilation per output
/// kind to which a program's tree is added, and a pool of source-generator drivers. Safe to share
/// between threads.
/// </summary>
/// <remarks>
/// <para>Documentation comments are parsed as plain comments (<see cref="DocumentationMode.None"/>):
/// in the default <see cref="DocumentationMode.Parse"/> mode they become structured trivia that no
/// diagnostic is ever reported on, so the errors are the same and a parse of a documented file costs
/// less.</para>
/// <para>Generator drivers are immutable; a run returns a new driver holding the generators'
/// incremental state, which the next check of any thread reuses (a fresh driver rebuilds every
/// generator's pipeline, several times the cost of an incremental run). Incremental generators produce
/// the same output whatever their cached state, so the compilation checked is the same.</para>
/// </remarks>
internal sealed class RoslynCompilations
{
    /// <summary>The path given to the program's tree (diagnostics located here belong to the program).</summary>
    public const string ProgramPath = "Program.cs";

    /// <summary>The implicit usings the .NET SDK generates for a console project (<c>ImplicitUsings=enable</c>).</summary>
    public const string GlobalUsings =
        "global using global::System;\n" +
        "global using global::System.Collections.Generic;\n" +
        "global using global::System.IO;\n" +
        "global using global::System.Linq;\n" +
        "global using global::System.Net.Http;\n" +
        "global using global::System.Threading;\n" +
        "global using global::System.Threading.Tasks;\n";

    private static readonly Lazy<MetadataReference[]> References =
        new(() => [.. Basic.Reference.Assemblies.Net100.References.All], LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly CSharpCompilation _library;
    private readonly CSharpCompilation _console;
    private readonly GeneratorDriver? _generators;
    private readonly ConcurrentBag<GeneratorDriver> _warmDrivers = [];

    /// <summary>Builds the base compilations for <paramref name="languageVersion"/>.</summary>
    public RoslynCompilations(LanguageVersion languageVersion)
    {
        ParseOptions = new CSharpParseOptions(languageVersion, DocumentationMode.None);
        var usings = CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, path: "GlobalUsings.g.cs");
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Disable,
            concurrentBuild: false);
        _library = CSharpCompilation.Create("Program", [usings], References.Value, options);
        _console = _library.WithOptions(options.WithOutputKind(OutputKind.ConsoleApplication));
        var generators = SdkSourceGenerators.Generators;
        _generators = generators.IsEmpty ? null : CSharpGeneratorDriver.Create(generators, parseOptions: ParseOptions);
    }

    /// <summary>The parse options programs are parsed with.</summary>
    public CSharpParseOptions ParseOptions { get; }

    /// <summary>Parses a program.</summary>
    public SyntaxTree Parse(string program, CancellationToken cancellationToken) =>
        CSharpSyntaxTree.ParseText(program, ParseOptions, ProgramPath, cancellationToken: cancellationToken);

    /// <summary>Describes the source generators that run (<c>sdk-10.0.12</c> or <c>none</c>).</summary>
    public static string GeneratorsDescription => SdkSourceGenerators.Description;

    /// <summary>
    /// The compilation of <paramref name="tree"/>: a console application when it has top-level
    /// statements (so their entry point is legal), a library otherwise (so no <c>Main</c> is needed).
    /// </summary>
    /// <remarks>
    /// The SDK's source generators run only for a program with a <c>partial</c> declaration: they all
    /// complete partial members or types, so without one they cannot change the errors, and skipping
    /// them keeps the common check cheap.
    /// </remarks>
    public Compilation Compile(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax)tree.GetRoot(cancellationToken);
        var hasTopLevelStatements = root.Members.Any(m => m is GlobalStatementSyntax);
        var compilation = (hasTopLevelStatements ? _console : _library).AddSyntaxTrees(tree);
        if (_generators is null || !HasPartialDeclaration(root))
        {
            return compilation;
        }

        var driver = _warmDrivers.TryTake(out var warm) ? warm : _generators;
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _, cancellationToken);
        _warmDrivers.Add(driver);
        return generated;
    }

    private static bool HasPartialDeclaration(CompilationUnitSyntax root) =>
        root.DescendantTokens().Any(t => t.IsKind(SyntaxKind.PartialKeyword));
}
