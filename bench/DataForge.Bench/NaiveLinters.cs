using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Linters.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataForge.Bench;

/// <summary>
/// The naive Python baseline: every check writes the program to a fresh temporary file and starts a
/// fresh <c>/usr/bin/python3</c> process that imports the linter, lints the file and exits
/// (what a reference-style implementation that shells out per check does).
/// </summary>
internal abstract class NaiveProcessLinter : ILinter
{
    private const string PythonPath = "/usr/bin/python3";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public abstract string Name { get; }

    public string RuleSet => $"naive-{Name}";

    protected abstract IEnumerable<string> Arguments(string file);

    protected abstract IReadOnlyList<LintMessage> Parse(string stdout);

    public async ValueTask<IReadOnlyList<LintMessage>> LintAsync(string program, CancellationToken cancellationToken)
    {
        // The worker lints a module named dataforge_lint_program; the file gets that name here too.
        var folder = Path.Combine(Path.GetTempPath(), "dataforge-bench-naive", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "dataforge_lint_program.py");
        try
        {
            await File.WriteAllTextAsync(file, program, cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo(PythonPath)
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in Arguments(file))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new LinterFailedException($"could not start {PythonPath}");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new LinterFailedException($"naive {Name} timed out");
            }

            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            if (Failed(process.ExitCode))
            {
                throw new LinterFailedException($"naive {Name} exited with {process.ExitCode}: {errors.Trim()}");
            }

            return Parse(output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    protected abstract bool Failed(int exitCode);
}

/// <summary>pylint's command line, one process per check, with the reference's options and message template.</summary>
internal sealed class NaivePylintLinter : NaiveProcessLinter
{
    public override string Name => "pylint";

    protected override IEnumerable<string> Arguments(string file) =>
    [
        "-m", "pylint", "--rcfile=/dev/null", "--persistent=n", "--reports=n", "--score=n", "--jobs=1",
        "--disable=all", "--enable=E,F,W0311,W0231", "--unsafe-load-any-extension=y", "--generated-members=cv2.*",
        "--msg-template={C}|{msg_id}|{line}|{column}|{msg}", file,
    ];

    // pylint's exit status is a bit mask; 32 is a usage error. Message bits (1, 2, 4, ...) are expected.
    protected override bool Failed(int exitCode) => (exitCode & 32) != 0 || exitCode < 0;

    // The reference's parsing (docs/algorithms.md#lintseq): lines of exactly 5 '|' fields; E and F count, and W0311, W0231;
    // an E0001 saying "on line N" is placed on N (the last token before the final '(').
    protected override IReadOnlyList<LintMessage> Parse(string stdout) =>
    [
        .. stdout.Split('\n')
            .Select(line => line.TrimEnd('\r').Split('|'))
            .Where(f => f.Length == 5 && (f[0] is "E" or "F" || f[1] is "W0311" or "W0231"))
            .Select(f => new LintMessage(LineOf(f[1], f[4], Number(f[2])), Number(f[3]), f[1], f[4]))
            .OrderBy(m => m.Line).ThenBy(m => m.Column).ThenBy(m => m.Code, StringComparer.Ordinal).ThenBy(m => m.Message, StringComparer.Ordinal),
    ];

    private static int Number(string text) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static int LineOf(string code, string message, int line)
    {
        if (code != "E0001" || !message.Contains("on line", StringComparison.Ordinal))
        {
            return line;
        }

        var paren = message.LastIndexOf('(');
        var tokens = (paren < 0 ? message : message[..paren]).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return tokens.Length > 0 && int.TryParse(tokens[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : line;
    }
}

/// <summary>
/// pyflakes, one process per check. <c>python3 -m pyflakes</c> prints message texts only, so the process
/// runs pyflakes' checker through a few lines that print each message's class name, and the same counted
/// classes as <see cref="PyflakesLinter.CountedCodes"/> are kept.
/// </summary>
internal sealed class NaivePyflakesLinter : NaiveProcessLinter
{
    private const string Script = """
        import ast, sys
        import pyflakes.checker
        path = sys.argv[1]
        source = open(path, encoding="utf-8").read()
        try:
            tree = ast.parse(source, filename=path)
        except (SyntaxError, ValueError) as exc:
            print("SyntaxError|%d|%d|%s" % (getattr(exc, "lineno", None) or 1, getattr(exc, "offset", None) or 0, str(exc).replace("\n", " ")))
            sys.exit(0)
        for m in pyflakes.checker.Checker(tree, filename=path).messages:
            print("%s|%d|%d|%s" % (type(m).__name__, m.lineno, m.col, (m.message % m.message_args).replace("\n", " ")))
        """;

    private static readonly FrozenSet<string> Counted = PyflakesLinter.CountedCodes.ToFrozenSet(StringComparer.Ordinal);

    public override string Name => "pyflakes";

    protected override IEnumerable<string> Arguments(string file) => ["-c", Script, file];

    protected override bool Failed(int exitCode) => exitCode != 0;

    protected override IReadOnlyList<LintMessage> Parse(string stdout) =>
    [
        .. stdout.Split('\n')
            .Select(line => line.TrimEnd('\r').Split('|', 4))
            .Where(f => f.Length == 4 && Counted.Contains(f[0]))
            .Select(f => new LintMessage(int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), f[0], f[3]))
            .OrderBy(m => m.Line).ThenBy(m => m.Column).ThenBy(m => m.Code, StringComparer.Ordinal).ThenBy(m => m.Message, StringComparer.Ordinal),
    ];
}

/// <summary>
/// The naive C# baseline: every check builds everything from scratch — fresh <see cref="MetadataReference"/>s
/// from the reference assemblies' bytes (so Roslyn re-reads their metadata and symbol tables), a fresh
/// global-usings tree and a fresh <see cref="CSharpCompilation"/> — and binds the whole program, also when
/// it does not parse. The errors it returns are chosen and placed exactly as <see cref="RoslynLinter"/> does
/// (parse errors when there are any, else the compile errors; lines through DataForge's internal
/// <c>DiagnosticLines</c>, called by reflection), so both modes sample the same sequences and only the cost differs.
/// </summary>
internal sealed class NaiveRoslynLinter : ILinter
{
    private const string GlobalUsings =
        "global using global::System;\n" +
        "global using global::System.Collections.Generic;\n" +
        "global using global::System.IO;\n" +
        "global using global::System.Linq;\n" +
        "global using global::System.Net.Http;\n" +
        "global using global::System.Threading;\n" +
        "global using global::System.Threading.Tasks;\n";

    private static readonly Assembly LintSeq = typeof(RoslynLinter).Assembly;
    private static readonly MethodInfo ToMessage = Internal("DataForge.LintSeq.Linters.Roslyn.DiagnosticLines").GetMethod("ToMessage", BindingFlags.Public | BindingFlags.Static)
        ?? throw new MissingMethodException("DiagnosticLines.ToMessage");
    private static readonly Type LineMap = Internal("DataForge.LintSeq.Languages.CSharp.LineMap");
    private static readonly ImmutableArray<ISourceGenerator> Generators =
        (ImmutableArray<ISourceGenerator>)(Internal("DataForge.LintSeq.Linters.Roslyn.SdkSourceGenerators").GetProperty("Generators", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            ?? throw new MissingMemberException("SdkSourceGenerators.Generators"));

    public string Name => "roslyn";

    public string RuleSet => "naive-roslyn";

    public ValueTask<IReadOnlyList<LintMessage>> LintAsync(string program, CancellationToken cancellationToken)
    {
        try
        {
            return ValueTask.FromResult(Lint(program, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new LinterFailedException($"Roslyn failed on the program: {e.Message}", e);
        }
    }

    private static IReadOnlyList<LintMessage> Lint(string program, CancellationToken cancellationToken)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(program, parseOptions, "Program.cs", cancellationToken: cancellationToken);
        var usings = CSharpSyntaxTree.ParseText(GlobalUsings, parseOptions, "GlobalUsings.g.cs", cancellationToken: cancellationToken);
        var references = Basic.Reference.Assemblies.Net100.ReferenceInfos.All.Select(r => MetadataReference.CreateFromImage(r.ImageBytes, filePath: r.FileName)).ToArray();
        var root = (CompilationUnitSyntax)tree.GetRoot(cancellationToken);
        var kind = root.Members.Any(m => m is GlobalStatementSyntax) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        Compilation compilation = CSharpCompilation.Create(
            "Program",
            [usings, tree],
            references,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));
        if (!Generators.IsEmpty && root.DescendantTokens().Any(t => t.IsKind(SyntaxKind.PartialKeyword)))
        {
            CSharpGeneratorDriver.Create(Generators, parseOptions: parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _, cancellationToken);
        }

        var all = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var parseErrors = tree.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var errors = parseErrors.Count > 0 ? parseErrors : all;
        if (errors.Count == 0)
        {
            return [];
        }

        var map = Activator.CreateInstance(LineMap, program) ?? throw new MissingMethodException("LineMap(string)");
        return
        [
            .. errors
                .Select(d => (LintMessage)ToMessage.Invoke(null, [d, tree, map, program])!)
                .Distinct()
                .OrderBy(m => m.Line).ThenBy(m => m.Column).ThenBy(m => m.Code, StringComparer.Ordinal).ThenBy(m => m.Message, StringComparer.Ordinal),
        ];
    }

    private static Type Internal(string name) => LintSeq.GetType(name, throwOnError: true)!;
}
