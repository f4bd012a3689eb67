using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace DataForge.LintSeq.Languages.CSharp;

/// <summary>
/// Candidates and children of a parsed C# program, from its syntax tree (see <see cref="CSharpRules"/>
/// for the rules in words). Line indices are 0-based over the program split on <c>\n</c>.
/// </summary>
internal sealed class SyntaxChildren
{
    private readonly LineMap _map;
    private readonly List<SyntaxToken>[] _tokens;
    private readonly bool[] _hasCode;
    private readonly bool[] _continued;
    private readonly List<SyntaxNode>[] _keyed;
    private readonly Requirement?[] _requirements;

    /// <summary>Indexes the tokens and units of <paramref name="root"/> by line.</summary>
    public SyntaxChildren(SyntaxNode root, LineMap map)
    {
        _map = map;
        var count = map.LineCount;
        _tokens = NewLists<SyntaxToken>(count);
        _keyed = NewLists<SyntaxNode>(count);
        _hasCode = new bool[count];
        _continued = new bool[count];
        _requirements = new Requirement?[count];
        IndexTokens(root);
        IndexUnits(root);
    }

    /// <summary>True when some token of code touches the line (not only comments, directives or whitespace).</summary>
    public bool HasCode(int line) => _hasCode[line];

    /// <summary>True when the line's only token is a <c>{</c> or <c>}</c>.</summary>
    public bool IsLoneBrace(int line) =>
        !_continued[line]
        && _tokens[line].Count == 1
        && (_tokens[line][0].IsKind(SyntaxKind.OpenBraceToken) || _tokens[line][0].IsKind(SyntaxKind.CloseBraceToken));

    /// <summary>The lines deleted with <paramref name="line"/>, sorted, closed under the same rule.</summary>
    public IReadOnlyList<int> ChildrenOf(int line)
    {
        var root = Require(line);
        var result = new HashSet<int>(root.Lines);
        var pending = new Stack<int>(root.Lines.Where(l => l != line));
        var done = new HashSet<int> { line };
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!done.Add(next))
            {
                continue;
            }

            foreach (var required in Require(next).Lines)
            {
                if (required != root.KeptLine && result.Add(required))
                {
                    pending.Push(required);
                }
            }
        }

        result.Remove(line);
        return [.. result.Order()];
    }

    private static List<T>[] NewLists<T>(int count)
    {
        var lists = new List<T>[count];
        for (var i = 0; i < count; i++)
        {
            lists[i] = [];
        }

        return lists;
    }

    private void IndexTokens(SyntaxNode root)
    {
        foreach (var token in root.DescendantTokens())
        {
            if (token.IsMissing || token.Span.IsEmpty)
            {
                continue;
            }

            var first = _map.LineOf(token.SpanStart);
            var last = _map.LineOf(token.Span.End - 1);
            _tokens[first].Add(token);
            for (var l = first; l <= last; l++)
            {
                _hasCode[l] = true;
                _continued[l] |= l > first;
            }
        }
    }

    private void IndexUnits(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            if (SyntaxUnits.IsUnit(node) && !node.Span.IsEmpty)
            {
                _keyed[_map.LineOf(SyntaxUnits.KeyToken(node).SpanStart)].Add(node);
            }
        }
    }

    /// <summary>What deleting <paramref name="line"/> alone requires (memoised).</summary>
    private Requirement Require(int line) => _requirements[line] ??= ComputeRequirement(line);

    private Requirement ComputeRequirement(int line)
    {
        var lines = new HashSet<int> { line };
        var covered = new List<TextSpan>();
        SyntaxNode? clause = null;
        foreach (var unit in _keyed[line])
        {
            var owner = SyntaxUnits.Owner(unit);
            var span = SyntaxUnits.OwnSpan(owner);
            AddLines(lines, span);
            covered.Add(span);
            if (ReferenceEquals(owner, unit) && IsClause(unit))
            {
                clause = unit;
            }
        }

        var dangling = _tokens[line].Where(t => IsDangling(t, line, covered)).ToList();
        if (dangling.Count == 0)
        {
            return new Requirement(lines, null);
        }

        if (dangling.Count == 1 && clause is not null && BorrowedBraceLine(line, dangling[0], clause) is int kept)
        {
            lines.Remove(kept);
            return new Requirement(lines, kept);
        }

        foreach (var token in dangling)
        {
            if (SyntaxUnits.EnclosingUnit(token) is { } unit)
            {
                AddLines(lines, SyntaxUnits.OwnSpan(SyntaxUnits.Owner(unit)));
            }
        }

        return new Requirement(lines, null);
    }

    private static bool IsClause(SyntaxNode node) =>
        node.IsKind(SyntaxKind.ElseClause) || node.IsKind(SyntaxKind.CatchClause) || node.IsKind(SyntaxKind.FinallyClause);

    /// <summary>A token whose construct reaches other lines, which deleting this line would cut in half.</summary>
    private bool IsDangling(SyntaxToken token, int line, List<TextSpan> covered)
    {
        if (token.Parent is null || SyntaxUnits.MayDangle(token) || covered.Any(s => s.Contains(token.SpanStart)))
        {
            return false;
        }

        if (!WithinLine(token.Parent, line))
        {
            return true;
        }

        // The head of a multi-line expression (the first operand of a ?: split over lines, the
        // receiver of a LINQ chain, a query's first from clause) cannot go without the rest.
        for (var node = token.Parent; node is not null && !SyntaxUnits.IsUnit(node) && node.GetFirstToken() == token; node = node.Parent)
        {
            if (!WithinLine(node, line))
            {
                return true;
            }
        }

        return false;
    }

    private bool WithinLine(SyntaxNode node, int line)
    {
        var span = SyntaxUnits.OwnSpan(node);
        return _map.LineOf(span.Start) == line && _map.LineOf(Math.Max(span.Start, span.End - 1)) == line;
    }

    /// <summary>
    /// K&amp;R <c>} else {</c>, <c>} catch (…) {</c>, <c>} finally {</c>: the line's leading <c>}</c> closes
    /// the previous block. Deleting the clause up to (not including) the line of its own closing
    /// <c>}</c> lets that brace close the previous block instead, so braces stay balanced. Returns
    /// that kept line, or null when the layout does not allow it.
    /// </summary>
    private int? BorrowedBraceLine(int line, SyntaxToken dangling, SyntaxNode clause)
    {
        if (!dangling.IsKind(SyntaxKind.CloseBraceToken) || _tokens[line][0] != dangling
            || dangling.GetNextToken() != clause.GetFirstToken())
        {
            return null;
        }

        var last = clause.GetLastToken();
        if (!last.IsKind(SyntaxKind.CloseBraceToken) || last.IsMissing)
        {
            return null;
        }

        var kept = _map.LineOf(last.SpanStart);
        return kept > line && _tokens[kept].Count > 0 && _tokens[kept][0] == last ? kept : null;
    }

    private void AddLines(HashSet<int> lines, TextSpan span)
    {
        var first = _map.LineOf(span.Start);
        var last = _map.LineOf(Math.Max(span.Start, span.End - 1));
        for (var l = first; l <= last; l++)
        {
            lines.Add(l);
        }
    }

    /// <summary>Lines to delete with a line, and the one line a borrowed-brace deletion must keep.</summary>
    private sealed record Requirement(HashSet<int> Lines, int? KeptLine);
}
