using System.Reflection;
using DataForge.LintSeq.Languages.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DataForge.LintSeq.Linters.Roslyn;

/// <summary>
/// The C# linter: Roslyn in process. An error is a compiler diagnostic of severity Error for the
/// program compiled against the .NET 10 reference assemblies with the implicit global usings of a
/// console project, as a library, or as a console application when it has top-level statements.
/// Nullable analysis is off: its findings are warnings, never errors, and it costs about 30% of a check. The SDK's source generators (<c>[GeneratedRegex]</c>, …)
/// run for programs with a <c>partial</c> declaration, as they would in a .NET project.
/// </summary>
/// <remarks>
/// <para>A check parses the program first; when the parse already has errors those are returned without
/// binding (a parse costs a fraction of a full check). The sampler deletes every flagged line, so the
/// semantic errors of the then syntactically valid program surface on a later call, as pylint reports
/// syntax errors first. Otherwise the program's tree is added to a reused base compilation and all its
/// errors are returned. Where each message is placed is described on <see cref="DiagnosticLines"/>.</para>
/// <para>Thread-safe: all shared state is immutable.</para>
/// </remarks>
public sealed class RoslynLinter : ILinter
{
    private readonly RoslynCompilations _compilations;
    private readonly HashSet<string> _ignored;

    private RoslynLinter(RoslynLinterOptions options)
    {
        var ignored = options.IgnoredDiagnosticIds
            .Select(id => id.Trim().ToUpperInvariant())
            .Where(id => id.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        _ignored = new HashSet<string>(ignored, StringComparer.Ordinal);
        _compilations = new RoslynCompilations(options.LanguageVersion);
        RuleSet = $"roslyn-{RoslynVersion()}:errors;lang={options.LanguageVersion};refs=net100;generators={RoslynCompilations.GeneratorsDescription};ignore={string.Join(',', ignored)}";
    }

    /// <inheritdoc />
    public string Name => "roslyn";

    /// <inheritdoc />
    /// <remarks>For example <c>roslyn-5.12.0:errors;lang=Latest;refs=net100;generators=sdk-10.0.12;ignore=</c>.</remarks>
    public string RuleSet { get; }

    /// <summary>Creates a linter with the default options (no ignored ids, latest language version).</summary>
    public static RoslynLinter Create() => Create(new RoslynLinterOptions());

    /// <summary>Creates a linter.</summary>
    public static RoslynLinter Create(RoslynLinterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RoslynLinter(options);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<LintMessage>> LintAsync(string program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return ValueTask.FromResult(Lint(program, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new LinterFailedException($"Roslyn failed on the program: {e.Message}", e);
        }
    }

    /// <summary>Parse-only check: the counted parse errors of <paramref name="program"/> (empty when it parses).</summary>
    internal IReadOnlyList<LintMessage> LintSyntax(string program, CancellationToken cancellationToken)
    {
        var tree = _compilations.Parse(program, cancellationToken);
        return ToMessages(Errors(tree.GetDiagnostics(cancellationToken)), tree, program);
    }

    private IReadOnlyList<LintMessage> Lint(string program, CancellationToken cancellationToken)
    {
        var tree = _compilations.Parse(program, cancellationToken);
        var errors = Errors(tree.GetDiagnostics(cancellationToken));
        if (errors.Count == 0)
        {
            errors = Errors(_compilations.Compile(tree, cancellationToken).GetDiagnostics(cancellationToken));
        }

        return ToMessages(errors, tree, program);
    }

    private List<Diagnostic> Errors(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !_ignored.Contains(d.Id))];

    private static IReadOnlyList<LintMessage> ToMessages(List<Diagnostic> errors, SyntaxTree tree, string program)
    {
        if (errors.Count == 0)
        {
            return [];
        }

        var map = new LineMap(program);
        return
        [
            .. errors
                .Select(d => DiagnosticLines.ToMessage(d, tree, map, program))
                .Distinct()
                .OrderBy(m => m.Line)
                .ThenBy(m => m.Column)
                .ThenBy(m => m.Code, StringComparer.Ordinal)
                .ThenBy(m => m.Message, StringComparer.Ordinal),
        ];
    }

    private static string RoslynVersion()
    {
        var version = typeof(CSharpCompilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(CSharpCompilation).Assembly.GetName().Version?.ToString()
            ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? version[..plus] : version;
    }
}
