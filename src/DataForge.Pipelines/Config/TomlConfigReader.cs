using DataForge.Core.Diagnostics;
using Tomlyn.Syntax;

namespace DataForge.Pipelines.Config;

/// <summary>
/// Reads a pipeline file through Tomlyn's syntax tree (which carries positions) into a
/// <see cref="ConfigTable"/> tree. Syntax errors become <c>DF1001</c> diagnostics; nothing is thrown.
/// </summary>
public static class TomlConfigReader
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> is the name diagnostics print.</summary>
    public static ConfigTable Read(string text, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var document = Tomlyn.Parsing.SyntaxParser.Parse(text, file, true);
        foreach (var message in document.Diagnostics)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Syntax, file, message.Span.Start.Line + 1, message.Span.Start.Column + 1, message.Message, message.Kind == DiagnosticMessageKind.Warning));
        }

        var root = new ConfigTable(1, 1);
        foreach (var keyValue in document.KeyValues)
        {
            AddKeyValue(root, keyValue, file, diagnostics);
        }

        foreach (var table in document.Tables)
        {
            AddTable(root, table, file, diagnostics);
        }

        return root;
    }

    private static void AddTable(ConfigTable root, TableSyntaxBase syntax, string file, DiagnosticBag diagnostics)
    {
        if (syntax.Name is null)
        {
            return;
        }

        var path = KeyPath(syntax.Name);
        var (line, column) = Position(syntax.Span);
        var parent = Descend(root, path[..^1], line, column, file, diagnostics);
        if (parent is null)
        {
            return;
        }

        var table = new ConfigTable(line, column);
        if (syntax is TableArraySyntax)
        {
            var existing = parent.Find(path[^1]);
            var items = existing?.Value is ConfigArray array ? [.. array.Items] : new List<ConfigValue>();
            items.Add(table);
            parent.Set(new ConfigEntry(path[^1], existing?.Line ?? line, existing?.Column ?? column, new ConfigArray(items, existing?.Line ?? line, existing?.Column ?? column)));
        }
        else if (parent.Find(path[^1]) is { Value: ConfigTable implicitTable })
        {
            table = implicitTable;
        }
        else
        {
            parent.Set(new ConfigEntry(path[^1], line, column, table));
        }

        foreach (var keyValue in syntax.Items)
        {
            AddKeyValue(table, keyValue, file, diagnostics);
        }
    }

    // Walks (creating) the tables on a dotted path; for [[a]] parents, descends into the last element.
    private static ConfigTable? Descend(ConfigTable table, IEnumerable<string> path, int line, int column, string file, DiagnosticBag diagnostics)
    {
        foreach (var key in path)
        {
            switch (table.Find(key)?.Value)
            {
                case null:
                    var created = new ConfigTable(line, column);
                    table.Set(new ConfigEntry(key, line, column, created));
                    table = created;
                    break;
                case ConfigTable existing:
                    table = existing;
                    break;
                case ConfigArray { Items: [.., ConfigTable last] }:
                    table = last;
                    break;
                default:
                    diagnostics.Add(new Diagnostic(DiagnosticCodes.WrongType, file, line, column, $"'{key}' is not a table"));
                    return null;
            }
        }

        return table;
    }

    private static void AddKeyValue(ConfigTable table, KeyValueSyntax syntax, string file, DiagnosticBag diagnostics)
    {
        if (syntax.Key is null || syntax.Value is null)
        {
            return;
        }

        var path = KeyPath(syntax.Key);
        var (line, column) = Position(syntax.Key.Span);
        var parent = Descend(table, path[..^1], line, column, file, diagnostics);
        if (parent?.Find(path[^1]) is { } duplicate)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.DuplicateKey, file, line, column, $"key '{path[^1]}' is already set on line {duplicate.Line}"));
            return;
        }

        parent?.Set(new ConfigEntry(path[^1], line, column, Convert(syntax.Value, file, diagnostics)));
    }

    private static ConfigValue Convert(ValueSyntax value, string file, DiagnosticBag diagnostics)
    {
        var (line, column) = Position(value.Span);
        switch (value)
        {
            case StringValueSyntax s:
                return new ConfigString(s.Value ?? "", line, column);
            case IntegerValueSyntax i:
                return new ConfigInteger(i.Value, line, column);
            case FloatValueSyntax f:
                return new ConfigFloat(f.Value, line, column);
            case BooleanValueSyntax b:
                return new ConfigBool(b.Value, line, column);
            case ArraySyntax a:
                return new ConfigArray([.. a.Items.Where(i => i.Value is not null).Select(i => Convert(i.Value!, file, diagnostics))], line, column);
            case InlineTableSyntax t:
                var table = new ConfigTable(line, column);
                foreach (var item in t.Items)
                {
                    if (item.KeyValue is { } kv)
                    {
                        AddKeyValue(table, kv, file, diagnostics);
                    }
                }

                return table;
            default:
                return new ConfigOther("a date or time", line, column);
        }
    }

    private static string[] KeyPath(KeySyntax key)
    {
        var parts = new List<string> { KeyText(key.Key) };
        parts.AddRange(key.DotKeys.Select(d => KeyText(d.Key)));
        return [.. parts];
    }

    private static string KeyText(BareKeyOrStringValueSyntax? key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => "",
    };

    private static (int Line, int Column) Position(SourceSpan span) => (span.Start.Line + 1, span.Start.Column + 1);
}
