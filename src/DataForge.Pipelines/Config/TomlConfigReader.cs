using DataForge.Core.Diagnostics;
using Tomlyn.Syntax;

namespace DataForge.Pipelines.Config;

/// <summary>
/// Reads a pipeline file through Tomlyn's syntax tree (which carries positions) into a
/// <see cref="ConfigTable"/> tree. A syntax error becomes one <c>DF1001</c> diagnostic; a key or
/// table defined twice becomes <c>DF1018</c>; nothing is thrown.
/// </summary>
public static class TomlConfigReader
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> is the name diagnostics print.</summary>
    public static ConfigTable Read(string text, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);

        // Tomlyn's validation pass only finds redefinitions; it stays off so that each is reported
        // once, as DF1018 at the second definition, by the reader below.
        var document = Tomlyn.Parsing.SyntaxParser.Parse(text, file, false);
        foreach (var message in document.Diagnostics.Where(m => m.Kind == DiagnosticMessageKind.Warning))
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Syntax, file, message.Span.Start.Line + 1, message.Span.Start.Column + 1, message.Message, IsWarning: true));
        }

        // Tomlyn does not recover well: after the first error the rest are mostly echoes of it
        // (an unclosed string flags every later line), so only the first in the file is reported.
        var errors = document.Diagnostics.Where(m => m.Kind == DiagnosticMessageKind.Error);
        if (errors.OrderBy(m => m.Span.Start.Line).ThenBy(m => m.Span.Start.Column).FirstOrDefault() is { } error)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Syntax, file, error.Span.Start.Line + 1, error.Span.Start.Column + 1, error.Message));
            return new ConfigTable(1, 1);
        }

        return new Reader(file, diagnostics).Read(document);
    }

    private sealed class Reader(string file, DiagnosticBag diagnostics)
    {
        // Tables that may not be opened by a [header] again: those opened by one, and inline tables.
        private readonly HashSet<ConfigTable> _defined = new(ReferenceEqualityComparer.Instance);

        // For each table, its keys that hold an array of tables ([[key]]), which a later [[key]] extends.
        private readonly Dictionary<ConfigTable, HashSet<string>> _tableArrays = new(ReferenceEqualityComparer.Instance);

        public ConfigTable Read(DocumentSyntax document)
        {
            var root = new ConfigTable(1, 1);
            foreach (var keyValue in document.KeyValues)
            {
                AddKeyValue(root, keyValue);
            }

            foreach (var table in document.Tables)
            {
                AddTable(root, table);
            }

            return root;
        }

        private void AddTable(ConfigTable root, TableSyntaxBase syntax)
        {
            if (syntax.Name is null)
            {
                return;
            }

            var path = KeyPath(syntax.Name);
            var (line, column) = Position(syntax.Span);
            var parent = Descend(root, path[..^1], line, column);
            var table = parent is null ? null : Open(parent, path, syntax is TableArraySyntax, line, column);
            if (table is null)
            {
                return;
            }

            foreach (var keyValue in syntax.Items)
            {
                AddKeyValue(table, keyValue);
            }
        }

        // The table a [header] or [[header]] opens in parent, or null (reported) when its key is already something else.
        private ConfigTable? Open(ConfigTable parent, string[] path, bool isArray, int line, int column)
        {
            var key = path[^1];
            var existing = parent.Find(key);
            var table = new ConfigTable(line, column);
            if (existing is null)
            {
                parent.Set(new ConfigEntry(key, line, column, isArray ? new ConfigArray([table], line, column) : table));
                if (isArray)
                {
                    TableArrayKeys(parent).Add(key);
                }
            }
            else if (isArray && existing.Value is ConfigArray array && TableArrayKeys(parent).Contains(key))
            {
                parent.Set(existing with { Value = array with { Items = [.. array.Items, table] } });
            }
            else if (!isArray && existing.Value is ConfigTable implicitTable && !_defined.Contains(implicitTable))
            {
                // Created on the way to a deeper header ([run.x] before [run]): this header defines it.
                table = implicitTable;
            }
            else
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.DuplicateKey, file, line, column, $"'{string.Join('.', path)}' is already defined on line {existing.Line}"));
                return null;
            }

            _defined.Add(table);
            return table;
        }

        private HashSet<string> TableArrayKeys(ConfigTable table)
        {
            if (!_tableArrays.TryGetValue(table, out var keys))
            {
                keys = new HashSet<string>(StringComparer.Ordinal);
                _tableArrays[table] = keys;
            }

            return keys;
        }

        // Walks (creating) the tables on a dotted path; for [[a]] parents, descends into the last element.
        private ConfigTable? Descend(ConfigTable table, IEnumerable<string> path, int line, int column)
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

        private void AddKeyValue(ConfigTable table, KeyValueSyntax syntax)
        {
            if (syntax.Key is null || syntax.Value is null)
            {
                return;
            }

            var path = KeyPath(syntax.Key);
            var (line, column) = Position(syntax.Key.Span);
            var parent = Descend(table, path[..^1], line, column);
            if (parent?.Find(path[^1]) is { } duplicate)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.DuplicateKey, file, line, column, $"key '{path[^1]}' is already set on line {duplicate.Line}"));
                return;
            }

            parent?.Set(new ConfigEntry(path[^1], line, column, Convert(syntax.Value)));
        }

        private ConfigValue Convert(ValueSyntax value)
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
                    return new ConfigArray([.. a.Items.Where(i => i.Value is not null).Select(i => Convert(i.Value!))], line, column);
                case InlineTableSyntax t:
                    var table = new ConfigTable(line, column);
                    _defined.Add(table);
                    foreach (var item in t.Items)
                    {
                        if (item.KeyValue is { } kv)
                        {
                            AddKeyValue(table, kv);
                        }
                    }

                    return table;
                default:
                    return new ConfigOther("a date or time", line, column);
            }
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
