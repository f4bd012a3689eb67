using System.Globalization;
using DataForge.LintSeq.Languages.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataForge.LintSeq.Linters.Roslyn;

/// <summary>
/// Turns compiler diagnostics into <see cref="LintMessage"/>s on the program line whose deletion moves
/// the program toward compiling (the sampler deletes every flagged line together with its children).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Lines count <c>\n</c> only, as the sampler splits programs (Roslyn also breaks lines on
/// <c>\r</c> and Unicode separators).</item>
/// <item><c>CS1513 "} expected"</c> is reported by Roslyn where the parser ran out of input, usually
/// the end of the file; deleting the last line there would only unbalance the next block, and the
/// fix-point would eat the program from the bottom. Instead the message points at the <c>{</c> that
/// was never closed: the innermost brace pair whose closing <c>}</c> sits at a different indentation
/// than its opening line (the parser paired it with an outer block's brace, so that is the block
/// that lost its <c>}</c>), else the innermost <c>{</c> whose <c>}</c> is missing. Deleting that line
/// (with its children: the whole block) leaves the remaining braces balanced.</item>
/// <item>Other "X expected" errors (<c>; expected</c>, <c>{ expected</c>, <c>) expected</c>) are
/// already reported right after the last token before the gap, i.e. on the incomplete line.</item>
/// <item>A diagnostic on a blank line (the end of a file ending in <c>\n</c>) moves to the nearest
/// preceding line with code.</item>
/// <item>A diagnostic located in the global-usings tree comes from a program that declares a type named
/// like a segment of an implicitly imported namespace (<c>class System</c>, <c>class Linq</c> in
/// <c>namespace System</c>): it is attributed to that type declaration's line. One that cannot be
/// tied to a program line (no source location, generated code, no clashing type) is attributed to
/// the first non-blank line, so the fix-point still makes progress and a clean program is still
/// reached. Such errors cannot occur for an empty program (it lints clean),
/// so there is always a line to attribute them to; no diagnostic makes the linter fail.</item>
/// </list>
/// </remarks>
internal static class DiagnosticLines
{
    /// <summary>The message for <paramref name="diagnostic"/> of <paramref name="tree"/>.</summary>
    public static LintMessage ToMessage(Diagnostic diagnostic, SyntaxTree tree, LineMap map, string program)
    {
        var text = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        var location = diagnostic.Location;
        if (!location.IsInSource || location.SourceTree != tree)
        {
            var clash = location.IsInSource ? ClashingType(location, tree) : null;
            return clash is int at
                ? new LintMessage(map.LineOf(at) + 1, at - map.StartOf(map.LineOf(at)) + 1, diagnostic.Id, text)
                : new LintMessage(FirstNonBlankLine(map, program) + 1, 1, diagnostic.Id, text);
        }

        var position = location.SourceSpan.Start;
        if (diagnostic.Id == "CS1513" && UnclosedBrace(tree, map, program) is int open)
        {
            position = open;
        }

        var line = NearestCodeLine(map, program, map.LineOf(position));
        var column = line == map.LineOf(position) ? position - map.StartOf(line) + 1 : 1;
        return new LintMessage(line + 1, column, diagnostic.Id, text);
    }

    /// <summary>
    /// For an error in an implicit global using (<c>global using global::System.Linq;</c>): the position
    /// of the program's type declaration named like one of the using's name segments (a program that
    /// declares <c>class System</c> or <c>class Linq</c> in a namespace the using walks through), or null.
    /// </summary>
    private static int? ClashingType(Location location, SyntaxTree tree)
    {
        var directive = location.SourceTree?.GetRoot().FindNode(location.SourceSpan).FirstAncestorOrSelf<UsingDirectiveSyntax>();
        if (directive?.Name is null)
        {
            return null;
        }

        var segments = directive.Name.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Select(n => n.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
        var clash = tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault(t => segments.Contains(t.Identifier.ValueText));
        return clash?.Identifier.SpanStart;
    }

    /// <summary>Position of the <c>{</c> that most likely lost its <c>}</c>, or null.</summary>
    private static int? UnclosedBrace(SyntaxTree tree, LineMap map, string program)
    {
        int? mismatched = null;
        int? missing = null;
        foreach (var open in tree.GetRoot().DescendantTokens())
        {
            if (!open.IsKind(SyntaxKind.OpenBraceToken) || open.IsMissing || open.Parent is null)
            {
                continue;
            }

            var close = open.Parent.ChildTokens().FirstOrDefault(t => t.IsKind(SyntaxKind.CloseBraceToken));
            if (!close.IsKind(SyntaxKind.CloseBraceToken))
            {
                continue;
            }

            if (close.IsMissing)
            {
                missing = open.SpanStart;
            }
            else if (Indent(map, program, open.SpanStart) != Indent(map, program, close.SpanStart))
            {
                mismatched = open.SpanStart;
            }
        }

        return mismatched ?? missing;
    }

    private static int Indent(LineMap map, string program, int position)
    {
        var start = map.StartOf(map.LineOf(position));
        var end = start;
        while (end < program.Length && program[end] is ' ' or '\t')
        {
            end++;
        }

        return end - start;
    }

    private static int NearestCodeLine(LineMap map, string program, int line)
    {
        for (var l = line; l >= 0; l--)
        {
            if (!IsBlank(map, program, l))
            {
                return l;
            }
        }

        return line;
    }

    private static int FirstNonBlankLine(LineMap map, string program)
    {
        for (var l = 0; l < map.LineCount; l++)
        {
            if (!IsBlank(map, program, l))
            {
                return l;
            }
        }

        return 0;
    }

    private static bool IsBlank(LineMap map, string program, int line)
    {
        var start = map.StartOf(line);
        var end = line + 1 < map.LineCount ? map.StartOf(line + 1) : program.Length;
        return string.IsNullOrWhiteSpace(program[start..end]);
    }
}
