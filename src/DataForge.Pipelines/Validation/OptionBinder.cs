using DataForge.Core.Options;
using System.Globalization;
using DataForge.Core.Diagnostics;
using DataForge.Pipelines.Config;
using DataForge.Pipelines.Registry;

namespace DataForge.Pipelines.Validation;

/// <summary>Checks a table's keys against their definitions and converts the values; every problem becomes a located diagnostic.</summary>
/// <param name="file">The pipeline file, for locations.</param>
/// <param name="pipelineDirectory">The folder paths are relative to.</param>
/// <param name="diagnostics">Receives the problems.</param>
/// <param name="modelNames">The models a model reference may name.</param>
/// <param name="modelBackends">Each model's backend (for keys that need a trainable model); null: not checked.</param>
internal sealed class OptionBinder(string file, string pipelineDirectory, DiagnosticBag diagnostics, IReadOnlySet<string> modelNames, IReadOnlyDictionary<string, string>? modelBackends = null)
{
    /// <summary>Binds <paramref name="table"/>; keys in <paramref name="handled"/> are someone else's and skipped.</summary>
    public Dictionary<string, object?> Bind(ConfigTable table, IReadOnlyList<OptionDefinition> definitions, string context, IReadOnlySet<string>? handled = null)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var entry in table.Entries)
        {
            if (handled?.Contains(entry.Key) == true)
            {
                continue;
            }

            var definition = definitions.FirstOrDefault(d => d.Key == entry.Key);
            if (definition is null)
            {
                var known = definitions.Select(d => d.Key).Concat(handled ?? new HashSet<string>());
                Report(DiagnosticCodes.UnknownKey, entry, entry.Value, $"unknown key '{entry.Key}' in {context}{Suggest.DidYouMean(entry.Key, known)}");
                continue;
            }

            if (Convert(entry, definition) is { } value)
            {
                values[entry.Key] = value;
            }
        }

        foreach (var definition in definitions.Where(d => !values.ContainsKey(d.Key) && table.Find(d.Key) is null))
        {
            if (definition.Required)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.MissingKey, file, table.Line, table.Column, $"missing required key '{definition.Key}' in {context}"));
            }
            else
            {
                values[definition.Key] = definition.Default;
            }
        }

        return values;
    }

    /// <summary>Converts one value; null (with a diagnostic) when it does not fit.</summary>
    public object? Convert(ConfigEntry entry, OptionDefinition definition)
    {
        var value = entry.Value is ConfigOverride o ? ParseOverride(o, definition.Kind) : entry.Value;
        object? result = (definition.Kind, value) switch
        {
            (OptionKind.String or OptionKind.Path or OptionKind.ModelRef, ConfigString s) => s.Value,
            (OptionKind.Integer, ConfigInteger i) => i.Value,
            (OptionKind.Float, ConfigFloat f) => f.Value,
            (OptionKind.Float, ConfigInteger i) => (double)i.Value,
            (OptionKind.Boolean, ConfigBool b) => b.Value,
            (OptionKind.StringList, ConfigString s) => (IReadOnlyList<string>)[s.Value],
            (OptionKind.StringList, ConfigArray a) when a.Items.All(i => i is ConfigString) => (IReadOnlyList<string>)[.. a.Items.Cast<ConfigString>().Select(s => s.Value)],
            _ => null,
        };
        if (result is null)
        {
            Report(DiagnosticCodes.WrongType, entry, value, $"'{entry.Key}' expects {Describe(definition.Kind)}, got {value.TypeName}");
            return null;
        }

        return Check(entry, value, definition, result) ? result : null;
    }

    private bool Check(ConfigEntry entry, ConfigValue value, OptionDefinition definition, object result)
    {
        if (result is long or double)
        {
            var number = System.Convert.ToDouble(result, CultureInfo.InvariantCulture);
            if (double.IsNaN(number) || number < definition.Min || number > definition.Max)
            {
                var range = definition.Max is { } max ? $"between {definition.Min} and {max}" : $"at least {definition.Min}";
                Report(DiagnosticCodes.InvalidValue, entry, value, $"'{entry.Key}' must be {range}, got {number.ToString(CultureInfo.InvariantCulture)}");
                return false;
            }
        }

        if (result is string text)
        {
            if (definition.Allowed is { } allowed && !allowed.Contains(text))
            {
                Report(DiagnosticCodes.InvalidValue, entry, value, $"'{entry.Key}' must be one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}, got '{text}'{Suggest.DidYouMean(text, allowed)}");
                return false;
            }

            if (definition.Kind == OptionKind.Path && !Path.Exists(Path.GetFullPath(text, pipelineDirectory)))
            {
                Report(DiagnosticCodes.PathNotFound, entry, value, $"'{entry.Key}': no file or folder '{text}' (paths are relative to the pipeline file's folder)");
                return false;
            }

            if (definition.Kind == OptionKind.ModelRef && !modelNames.Contains(text))
            {
                Report(DiagnosticCodes.UnknownModel, entry, value, $"'{entry.Key}' names model '{text}', but there is no [models.{text}]{Suggest.DidYouMean(text, modelNames)}");
                return false;
            }

            if (definition.Trainable && modelBackends?.GetValueOrDefault(text) is { } backend && CommonKeys.Backends.ContainsKey(backend) && !CommonKeys.TrainableBackends.Contains(backend))
            {
                var trainable = string.Join(" or ", CommonKeys.TrainableBackends);
                Report(DiagnosticCodes.UntrainableModel, entry, value, $"'{entry.Key}' names model '{text}' (backend '{backend}'), which cannot be trained; this step trains it, so it needs a [models.{text}] with backend {trainable}");
                return false;
            }
        }

        return true;
    }

    /// <summary>Reports at the value's position, or as a <c>--set</c> problem when the value came from the command line.</summary>
    public void Report(string code, ConfigEntry entry, ConfigValue value, string message)
    {
        if (entry.Value is ConfigOverride o)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.BadOverride, "--set", 0, 0, $"{o.Origin}: {message}"));
            return;
        }

        var (line, column) = code == DiagnosticCodes.UnknownKey ? (entry.Line, entry.Column) : (value.Line, value.Column);
        diagnostics.Add(new Diagnostic(code, file, line, column, message));
    }

    // A command-line value is read as a TOML value when it is one ("5", "true", "[\"a\"]"), else as a bare string.
    // For a key that takes a string, bare text is the string even when it reads as another TOML value
    // (run.name=2024 names the run "2024").
    private static ConfigValue ParseOverride(ConfigOverride value, OptionKind kind)
    {
        var scratch = new DiagnosticBag();
        var parsed = TomlConfigReader.Read($"v = {value.Text}\n", "--set", scratch);
        var typed = scratch.HasErrors ? null : parsed["v"];
        var takesString = kind is OptionKind.String or OptionKind.Path or OptionKind.ModelRef;
        return typed is null || (takesString && typed is not ConfigString) ? new ConfigString(value.Text, 0, 0) : typed;
    }

    private static string Describe(OptionKind kind) => kind switch
    {
        OptionKind.String => "a string",
        OptionKind.Integer => "an integer",
        OptionKind.Float => "a number",
        OptionKind.Boolean => "true or false",
        OptionKind.StringList => "a string or an array of strings",
        OptionKind.Path => "a path (string)",
        OptionKind.ModelRef => "a model name (string)",
        _ => kind.ToString(),
    };
}
