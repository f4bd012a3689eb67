using DataForge.Core.Diagnostics;
using DataForge.Pipelines.Config;

namespace DataForge.Pipelines.Validation;

/// <summary>Puts <c>--set KEY=VALUE</c> overrides into the parsed file; their values are typed later, against the key's definition.</summary>
internal static class OverrideApplier
{
    public static void Apply(ConfigTable root, IEnumerable<string> overrides, DiagnosticBag diagnostics)
    {
        foreach (var text in overrides)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var path = equals > 0 ? text[..equals].Trim().Split('.') : [];
            var value = new ConfigOverride(equals > 0 ? text[(equals + 1)..].Trim() : "", text);
            if (path is ["steps", _, "name" or "type"] or ["models", _, "backend"])
            {
                // The rest of the table is checked against the type or backend: changing it here would leave those keys unchecked.
                diagnostics.Add(new Diagnostic(DiagnosticCodes.BadOverride, "--set", 0, 0,
                    $"{text}: a step's name or type and a model's backend cannot be overridden; edit the pipeline file"));
                continue;
            }

            var target = path switch
            {
                ["run", _] => Table(root, "run", create: true),
                ["models", var model, _] => Table(Table(root, "models", create: false), model, create: false),
                ["steps", var step, _] => Step(root, step),
                _ => null,
            };
            if (target is null)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.BadOverride, "--set", 0, 0,
                    $"{text}: expected run.KEY=VALUE, models.NAME.KEY=VALUE or steps.NAME.KEY=VALUE, naming a model or step of the pipeline"));
                continue;
            }

            target.Set(new ConfigEntry(path[^1], 0, 0, value));
        }
    }

    private static ConfigTable? Table(ConfigTable? parent, string key, bool create)
    {
        if (parent?[key] is ConfigTable table)
        {
            return table;
        }

        if (!create || parent is null || parent[key] is not null)
        {
            return null;
        }

        var created = new ConfigTable(1, 1);
        parent.Set(new ConfigEntry(key, 1, 1, created));
        return created;
    }

    private static ConfigTable? Step(ConfigTable root, string name)
        => (root["steps"] as ConfigArray)?.Items.OfType<ConfigTable>().FirstOrDefault(t => t["name"] is ConfigString s && s.Value == name);
}
