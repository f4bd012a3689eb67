using DataForge.Core.Diagnostics;
using DataForge.Pipelines.Config;
using DataForge.Pipelines.Registry;

namespace DataForge.Pipelines.Validation;

/// <summary>
/// Pipeline file → validated <see cref="PipelineSpec"/>. Every mistake in the file and in the
/// <c>--set</c> overrides is collected and reported at once, located, before any work starts.
/// </summary>
public static class PipelineLoader
{
    private static readonly HashSet<string> TopLevelKeys = ["run", "models", "steps"];

    /// <summary>Loads <paramref name="path"/> (as the user typed it) with overrides of the form <c>KEY=VALUE</c>.</summary>
    public static LoadResult Load(string path, IReadOnlyList<string> overrides, StepRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(registry);
        var diagnostics = new DiagnosticBag();
        if (!File.Exists(path))
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.FileNotFound, path, 0, 0, "pipeline file not found"));
            return new LoadResult(null, diagnostics.Items);
        }

        return LoadText(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path))!, overrides, registry, diagnostics);
    }

    /// <summary>
    /// Loads pipeline text that is not in a file of its own (commands such as <c>dataforge lintseq</c>
    /// compose one); <paramref name="name"/> is what diagnostics print, <paramref name="directory"/> anchors relative paths.
    /// </summary>
    public static LoadResult LoadText(string text, string name, string directory, IReadOnlyList<string> overrides, StepRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(registry);
        return LoadText(text, name, Path.GetFullPath(directory), overrides, registry, new DiagnosticBag());
    }

    private static LoadResult LoadText(string text, string name, string directory, IReadOnlyList<string> overrides, StepRegistry registry, DiagnosticBag diagnostics)
    {
        var root = TomlConfigReader.Read(text, name, diagnostics);
        if (diagnostics.Items.Any(d => d.Code == DiagnosticCodes.Syntax && !d.IsWarning))
        {
            // Positions after a syntax error are unreliable: report the syntax first. A key defined
            // twice (DF1018) is not one: the rest of the file is still checked.
            return new LoadResult(null, diagnostics.Items);
        }

        OverrideApplier.Apply(root, overrides, diagnostics);
        var spec = new Loader(name, directory, diagnostics, registry).Load(root);
        return new LoadResult(diagnostics.HasErrors ? null : spec, diagnostics.Items);
    }

    private sealed class Loader(string file, string directory, DiagnosticBag diagnostics, StepRegistry registry)
    {
        public PipelineSpec Load(ConfigTable root)
        {
            foreach (var entry in root.Entries.Where(e => !TopLevelKeys.Contains(e.Key)))
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.UnknownKey, file, entry.Line, entry.Column, $"unknown top-level key '{entry.Key}': a pipeline has [run], [models.NAME] and [[steps]]{Suggest.DidYouMean(entry.Key, TopLevelKeys)}"));
            }

            var models = LoadModels(root.Find("models"));
            var binder = new OptionBinder(file, directory, diagnostics, models.Keys.ToHashSet(StringComparer.Ordinal), models.ToDictionary(m => m.Key, m => m.Value.Backend, StringComparer.Ordinal));
            var run = LoadRun(root.Find("run"), binder);
            var steps = LoadSteps(root.Find("steps"), binder, run);
            return new PipelineSpec(file, directory, run, models, steps);
        }

        private RunSection LoadRun(ConfigEntry? entry, OptionBinder binder)
        {
            var table = TableOrReport(entry, "[run]") ?? new ConfigTable(1, 1);
            var values = new ResolvedOptions(binder.Bind(table, CommonKeys.Run, "[run]"));
            return new RunSection(
                values.GetString("name") ?? Path.GetFileNameWithoutExtension(file),
                values.GetInteger("seed") ?? 1,
                values.GetFloat("max_error_fraction") ?? 0.2,
                (int)(values.GetInteger("parallelism") ?? Environment.ProcessorCount),
                (int)(values.GetInteger("capacity") ?? 256),
                values.GetInteger("limit"),
                values.GetString("license"),
                values.GetStringList("language"),
                values.GetFloat("warn_drop_fraction") ?? 0.5);
        }

        private SortedDictionary<string, ModelSpec> LoadModels(ConfigEntry? entry)
        {
            var models = new SortedDictionary<string, ModelSpec>(StringComparer.Ordinal);
            foreach (var model in (TableOrReport(entry, "[models]")?.Entries ?? []))
            {
                if (TableOrReport(model, $"[models.{model.Key}]") is not { } table)
                {
                    continue;
                }

                var backend = table.Find("backend");
                if (backend?.Value is not ConfigString { Value: var name } || !CommonKeys.Backends.TryGetValue(name, out var keys))
                {
                    ReportBackend(model.Key, table, backend);
                    models[model.Key] = new ModelSpec(model.Key, "unknown", new ResolvedOptions(new Dictionary<string, object?>()));
                    continue;
                }

                var binder = new OptionBinder(file, directory, diagnostics, new HashSet<string>());
                models[model.Key] = new ModelSpec(model.Key, name, new ResolvedOptions(binder.Bind(table, keys, $"[models.{model.Key}] (backend '{name}')")));
                ModelFolderValidator.Check(models[model.Key], directory, diagnostics);
            }

            return models;
        }

        private void ReportBackend(string model, ConfigTable table, ConfigEntry? backend)
        {
            var known = string.Join(", ", CommonKeys.Backends.Keys.Select(k => $"'{k}'"));
            if (backend is null)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.MissingKey, file, table.Line, table.Column, $"missing required key 'backend' in [models.{model}] (one of {known})"));
                return;
            }

            var text = backend.Value is ConfigString s ? s.Value : "";
            var at = backend.Value.Line > 0 ? backend.Value : table;
            diagnostics.Add(new Diagnostic(DiagnosticCodes.UnknownBackend, file, at.Line, at.Column, $"unknown model backend '{text}' in [models.{model}]: expected one of {known}{Suggest.DidYouMean(text, CommonKeys.Backends.Keys)}"));
        }

        private List<StepSpec> LoadSteps(ConfigEntry? entry, OptionBinder binder, RunSection run)
        {
            if (entry?.Value is not ConfigArray { Items.Count: > 0 } array)
            {
                var at = entry?.Value ?? new ConfigTable(1, 1);
                diagnostics.Add(new Diagnostic(entry is null ? DiagnosticCodes.MissingKey : DiagnosticCodes.WrongType, file, at.Line, at.Column, "a pipeline needs [[steps]] tables"));
                return [];
            }

            var nodes = new List<(GraphValidator.Node Node, StepTypeDefinition? Type, Dictionary<string, object?> Values)>();
            foreach (var (item, index) in array.Items.Select((item, i) => (item, i)))
            {
                if (item is not ConfigTable table)
                {
                    diagnostics.Add(new Diagnostic(DiagnosticCodes.WrongType, file, item.Line, item.Column, $"each [[steps]] entry must be a table, got {item.TypeName}"));
                    continue;
                }

                nodes.Add(LoadStep(table, index, binder));
            }

            var inputs = GraphValidator.Validate([.. nodes.Select(n => n.Node)], file, diagnostics);
            return [.. nodes.Where(n => n.Type is not null).Select(n => new StepSpec(
                n.Node.Name,
                n.Type!,
                inputs.GetValueOrDefault(n.Node.Name) ?? [],
                new ResolvedOptions(n.Values.Where(kv => n.Type!.Options.Any(o => o.Key == kv.Key)).ToDictionary()),
                (int)(n.Values.GetValueOrDefault("parallelism") as long? ?? run.Parallelism),
                (int)(n.Values.GetValueOrDefault("capacity") as long? ?? run.Capacity)))];
        }

        private (GraphValidator.Node, StepTypeDefinition?, Dictionary<string, object?>) LoadStep(ConfigTable table, int index, OptionBinder binder)
        {
            var typeEntry = table.Find("type");
            var typeName = typeEntry?.Value as ConfigString;
            StepTypeDefinition? type = null;
            if (typeName is not null && !registry.TryGet(typeName.Value, out type))
            {
                var at = typeName.Line > 0 ? (ConfigValue)typeName : table;
                diagnostics.Add(new Diagnostic(DiagnosticCodes.UnknownStepType, file, at.Line, at.Column, $"unknown step type '{typeName.Value}'{Suggest.DidYouMean(typeName.Value, registry.Types.Select(t => t.Type))}"));
            }

            var name = (table["name"] as ConfigString)?.Value ?? $"#{index + 1}";
            var context = $"step '{name}'" + (type is null ? "" : $" ({type.Type})");
            var definitions = type is null ? CommonKeys.Step : [.. CommonKeys.Step, .. type.Options];

            // With an unknown type its own keys cannot be checked: leave them alone rather than flag each.
            var handled = type is null ? table.Entries.Select(e => e.Key).Where(k => CommonKeys.Step.All(c => c.Key != k)).ToHashSet(StringComparer.Ordinal) : null;
            var values = binder.Bind(table, definitions, context, handled);
            CheckAcrossKeys(type, table, values);
            CheckRequirement(type, table, values);
            var node = new GraphValidator.Node(name, type?.Type, type?.Role, table, table.Find("name"), table.Find("input"), values.GetValueOrDefault("input") as IReadOnlyList<string>);
            return (node, type, values);
        }

        private void CheckRequirement(StepTypeDefinition? type, ConfigTable table, Dictionary<string, object?> values)
        {
            if (type?.Requirement is { } requirement && type.Options.All(o => values.ContainsKey(o.Key)) && requirement(new ResolvedOptions(values)) is { } warning)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.MissingTool, file, table.Line, table.Column, warning, IsWarning: true));
            }
        }

        private void CheckAcrossKeys(StepTypeDefinition? type, ConfigTable table, Dictionary<string, object?> values)
        {
            if (type?.Check is not { } check || type.Options.Any(o => !values.ContainsKey(o.Key) && table.Find(o.Key) is not null))
            {
                return; // a key already failed on its own
            }

            if (check(new ResolvedOptions(values)) is var (key, message))
            {
                var entry = table.Find(key);
                var at = entry is { Line: > 0 } ? entry.Value : table;
                diagnostics.Add(new Diagnostic(entry?.Value is ConfigOverride ? DiagnosticCodes.BadOverride : DiagnosticCodes.InvalidValue, entry?.Value is ConfigOverride ? "--set" : file, at.Line, at.Column, message));
            }
        }

        private ConfigTable? TableOrReport(ConfigEntry? entry, string what)
        {
            switch (entry?.Value)
            {
                case null:
                    return null;
                case ConfigTable table:
                    return table;
                default:
                    diagnostics.Add(new Diagnostic(DiagnosticCodes.WrongType, file, entry.Value.Line, entry.Value.Column, $"{what} must be a table, got {entry.Value.TypeName}"));
                    return null;
            }
        }
    }
}
