using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DataForge.LintSeq.Languages.CSharp;

/// <summary>
/// The syntax nodes that are deleted as a whole ("units") and the rules that tie them together:
/// which line a unit belongs to, what must go with it, and which tokens cannot be left behind.
/// </summary>
internal static class SyntaxUnits
{
    /// <summary>
    /// A unit: a statement (a block only when it stands alone in a block, switch section or at top
    /// level), a member (type, namespace, method, property, field, event, enum member, top-level
    /// statement), an accessor, a switch section, an else/catch/finally clause, a using or extern
    /// alias directive, an attribute list, an argument, an initializer element, a switch expression
    /// arm, an anonymous object member or a collection expression element.
    /// </summary>
    public static bool IsUnit(SyntaxNode node) => node switch
    {
        BlockSyntax block => block.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax,
        StatementSyntax or MemberDeclarationSyntax => true,
        AccessorDeclarationSyntax or SwitchSectionSyntax or ElseClauseSyntax or CatchClauseSyntax
            or FinallyClauseSyntax or UsingDirectiveSyntax or ExternAliasDirectiveSyntax or AttributeListSyntax
            or ArgumentSyntax or SwitchExpressionArmSyntax or AnonymousObjectMemberDeclaratorSyntax
            or CollectionElementSyntax => true,
        ExpressionSyntax expression => expression.Parent is InitializerExpressionSyntax,
        _ => false,
    };

    /// <summary>
    /// What has to be deleted when <paramref name="unit"/> is: an embedded statement (the body of an
    /// if/else/loop/using/lock/fixed written without braces) takes its owning statement or else
    /// clause; the only catch/finally clause of a try takes the try statement.
    /// </summary>
    public static SyntaxNode Owner(SyntaxNode unit)
    {
        var node = unit;
        while (true)
        {
            switch (node)
            {
                case CatchClauseSyntax or FinallyClauseSyntax when node.Parent is TryStatementSyntax tryStatement
                    && tryStatement.Catches.Count + (tryStatement.Finally is null ? 0 : 1) == 1:
                    node = tryStatement;
                    continue;
                case StatementSyntax when node.Parent is ElseClauseSyntax elseClause:
                    return elseClause;
                case StatementSyntax when node.Parent is StatementSyntax parent and not BlockSyntax:
                    node = parent;
                    continue;
                default:
                    return node;
            }
        }
    }

    /// <summary>The innermost unit holding <paramref name="token"/>, or null.</summary>
    public static SyntaxNode? EnclosingUnit(SyntaxToken token)
    {
        var node = token.Parent;
        while (node is not null && !IsUnit(node))
        {
            node = node.Parent;
        }

        return node;
    }

    /// <summary>The token a unit's line is decided by: its first token after leading attribute lists (a method's modifiers, not its <c>[Fact]</c>).</summary>
    public static SyntaxToken KeyToken(SyntaxNode unit)
    {
        if (unit is AttributeListSyntax)
        {
            return unit.GetFirstToken();
        }

        var lastAttributes = unit.ChildNodes().TakeWhile(n => n is AttributeListSyntax).LastOrDefault();
        if (lastAttributes is not null)
        {
            var next = lastAttributes.GetLastToken().GetNextToken();
            if (unit.Span.Contains(next.SpanStart))
            {
                return next;
            }
        }

        return unit.GetFirstToken();
    }

    /// <summary>The text a node really occupies: a file-scoped namespace only its <c>namespace N;</c> line, anything else its span.</summary>
    public static TextSpan OwnSpan(SyntaxNode node) => node is FileScopedNamespaceDeclarationSyntax fileScoped
        ? TextSpan.FromBounds(fileScoped.SpanStart, fileScoped.SemicolonToken.Span.End)
        : node.Span;

    /// <summary>
    /// Tokens that may be left behind when the rest of their parent sits on other lines: member-access
    /// dots and <c>?.</c>, separators (<c>,</c>), binary operators. Deleting a line made of these and
    /// self-contained pieces still parses (<c>.Where(x =&gt; x &gt; 0)</c>, <c>&amp;&amp; ready</c>, <c>b,</c>).
    /// </summary>
    public static bool MayDangle(SyntaxToken token) =>
        token.IsKind(SyntaxKind.DotToken)
        || token.IsKind(SyntaxKind.CommaToken)
        || (token.IsKind(SyntaxKind.QuestionToken) && token.Parent is ConditionalAccessExpressionSyntax)
        || token.Parent is BinaryExpressionSyntax;
}
