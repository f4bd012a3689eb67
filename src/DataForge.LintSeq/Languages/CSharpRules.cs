using DataForge.LintSeq.Languages.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DataForge.LintSeq.Languages;

/// <summary>Line rules for C# programs: candidates, indentation-biased weights and block-structured children.</summary>
/// <remarks>
/// <para><b>Candidates</b> are lines that hold code: not blank, not comment-only (<c>//</c>, <c>///</c>,
/// <c>/*</c>, <c>*</c>), not preprocessor directives, not disabled <c>#if</c> text, and not a lone
/// <c>{</c> or <c>}</c>. Braces are never seeds: they are deleted with the block they delimit.</para>
/// <para><b>Indents and weights</b> follow the reference exactly (docs/algorithms.md#lintseq): leading whitespace
/// count with a tab counting 1, lines of at most one non-blank character inherit the previous indent,
/// tab width = first non-zero indent, weight <c>indent / tabWidth × factor</c> for indented candidates and
/// 1 at indent 0 (uniform 1 when the factor is null).</para>
/// <para><b>Children follow the block structure</b>, decided from the syntax tree
/// (<see cref="CSharpSyntaxTree.ParseText(string, CSharpParseOptions?, string, System.Text.Encoding?, CancellationToken)"/>), not from
/// indentation, so Allman and K&amp;R braces behave the same. The tree is cut into units: statements, members
/// (namespace, type, method, property, field, enum member, top-level statement), accessors, switch
/// sections, else/catch/finally clauses, using directives, attribute lists, arguments, initializer
/// elements, switch-expression arms and collection elements. A line owns the units whose first token
/// (after attribute lists) is on it, and its children are every line those units span: a method, class,
/// if, loop, switch, try, lambda-with-block statement or property header takes its whole body including
/// both braces; a multi-line statement (LINQ chain, argument list, initializer) takes its continuation
/// lines; an <c>else</c>, <c>catch</c> or <c>finally</c> line takes its clause. Three refinements keep every
/// deletion syntactically whole:</para>
/// <list type="number">
/// <item>An embedded statement without braces (<c>if (c)⏎ x();</c>) takes its owner (the whole if, or
/// the else clause); the only catch/finally of a try takes the whole try.</item>
/// <item>A line holding a delimiter (<c>( ) [ ] { } ;</c> or any token) whose construct spans other lines,
/// and which the line's own units do not cover, takes the innermost unit around that token, including
/// lines above it: <c>});</c>, <c>.Select(x =&gt; x);</c>, a lone <c>{</c> or <c>}</c> (take their method or
/// statement). Member-access dots, commas and binary operators may be left behind, so <c>.Where(…)</c>
/// or <c>&amp;&amp; ready</c> continuation lines can be deleted alone.</item>
/// <item>A K&amp;R <c>} else {</c> / <c>} catch {</c> / <c>} finally {</c> line takes its clause except the
/// clause's closing <c>}</c> line, which then closes the previous block, so braces stay balanced.</item>
/// </list>
/// <para>Children are closed under the same rule. A program that does not parse falls back to the
/// reference's indentation rule joined with brace counting (see <c>TextFallback</c>).</para>
/// </remarks>
public sealed class CSharpRules : ILanguageRules
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <inheritdoc />
    public string Language => "csharp";

    /// <inheritdoc />
    public ProgramStructure Analyze(IReadOnlyList<string> lines, double? indentBiasFactor)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var indents = IndentWeights.Indents(lines);
        var tabWidth = IndentWeights.TabWidth(indents);
        var (candidates, children) = Structure(lines, indents);
        var weights = IndentWeights.Weights(indents, candidates, tabWidth, indentBiasFactor);
        return new ProgramStructure(candidates, weights, indents, tabWidth, children);
    }

    private static (List<int> Candidates, IReadOnlyList<int>[] Children) Structure(IReadOnlyList<string> lines, int[] indents)
    {
        var text = string.Join('\n', lines);
        var tree = CSharpSyntaxTree.ParseText(text, ParseOptions);
        if (tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return (TextFallback.Candidates(lines), TextFallback.Children(lines, indents));
        }

        var syntax = new SyntaxChildren(tree.GetRoot(), new LineMap(text));
        var candidates = Enumerable.Range(0, lines.Count).Where(l => syntax.HasCode(l) && !syntax.IsLoneBrace(l)).ToList();
        var children = new IReadOnlyList<int>[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            children[i] = syntax.ChildrenOf(i);
        }

        return (candidates, children);
    }
}
