using DataForge.Core.Diagnostics;
using DataForge.Core.Steps;
using DataForge.Pipelines.Config;

namespace DataForge.Pipelines.Validation;

/// <summary>Checks the step graph: unique names, resolvable inputs, no cycle, exactly one write step, unused outputs.</summary>
internal static class GraphValidator
{
    /// <summary>One step as the graph sees it.</summary>
    public sealed record Node(string Name, string? Type, StepRole? Role, ConfigTable Table, ConfigEntry? NameEntry, ConfigEntry? InputEntry, IReadOnlyList<string>? ExplicitInputs);

    /// <summary>Resolves every step's inputs (default: the step above) and reports graph problems.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Validate(IReadOnlyList<Node> nodes, string file, DiagnosticBag diagnostics)
    {
        var names = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!names.TryAdd(node.Name, node))
            {
                var at = node.NameEntry?.Value ?? node.Table;
                var first = names[node.Name];
                diagnostics.Add(new Diagnostic(DiagnosticCodes.DuplicateStep, file, at.Line, at.Column, $"step name '{node.Name}' is already used on line {first.NameEntry?.Line ?? first.Table.Line}"));
            }
        }

        var inputs = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            inputs.TryAdd(nodes[i].Name, ResolveInputs(nodes, i, names, file, diagnostics));
        }

        FindCycle(nodes, inputs, file, diagnostics);
        CheckWriteSteps(nodes, file, diagnostics);
        foreach (var node in nodes.Where(n => n.Role is not null and not StepRole.Sink && !inputs.Values.Any(v => v.Contains(n.Name))))
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.UnusedOutput, file, node.Table.Line, node.Table.Column, $"no step reads the output of step '{node.Name}'", IsWarning: true));
        }

        return inputs;
    }

    private static List<string> ResolveInputs(IReadOnlyList<Node> nodes, int index, Dictionary<string, Node> names, string file, DiagnosticBag diagnostics)
    {
        var node = nodes[index];
        var at = node.InputEntry?.Value ?? node.Table;
        if (node.Role == StepRole.Source)
        {
            if (node.ExplicitInputs is { Count: > 0 })
            {
                diagnostics.Add(At(DiagnosticCodes.BadInput, file, at, $"step '{node.Name}' ({node.Type}) reads files and takes no 'input'"));
            }

            return [];
        }

        if (node.ExplicitInputs is null)
        {
            if (index == 0)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.BadInput, file, at.Line, at.Column, $"step '{node.Name}' has no input: it is the first step, so give it an 'input' or put a 'read' step above it"));
                return [];
            }

            return [nodes[index - 1].Name];
        }

        var resolved = new List<string>();
        foreach (var input in node.ExplicitInputs)
        {
            if (input == node.Name)
            {
                diagnostics.Add(At(DiagnosticCodes.Cycle, file, at, $"step '{node.Name}' reads its own output"));
            }
            else if (!names.ContainsKey(input))
            {
                diagnostics.Add(At(DiagnosticCodes.DanglingInput, file, at, $"step '{node.Name}' reads '{input}', but no step has that name{Suggest.DidYouMean(input, names.Keys)}"));
            }
            else if (resolved.Contains(input))
            {
                diagnostics.Add(At(DiagnosticCodes.InvalidValue, file, at, $"step '{node.Name}' lists input '{input}' twice"));
            }
            else
            {
                resolved.Add(input);
            }
        }

        return resolved;
    }

    private static void FindCycle(IReadOnlyList<Node> nodes, Dictionary<string, IReadOnlyList<string>> inputs, string file, DiagnosticBag diagnostics)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1: on the path, 2: done
        var path = new List<string>();
        foreach (var node in nodes)
        {
            if (Visit(node.Name) is { } cycle)
            {
                var at = nodes.First(n => n.Name == cycle[0]);
                var where = at.InputEntry?.Value ?? at.Table;
                diagnostics.Add(At(DiagnosticCodes.Cycle, file, where, $"steps form a cycle: {string.Join(" -> ", cycle)}"));
                return;
            }
        }

        List<string>? Visit(string name)
        {
            if (state.GetValueOrDefault(name) == 2)
            {
                return null;
            }

            if (state.GetValueOrDefault(name) == 1)
            {
                return [.. path[path.IndexOf(name)..], name];
            }

            state[name] = 1;
            path.Add(name);
            foreach (var input in inputs.GetValueOrDefault(name) ?? [])
            {
                if (Visit(input) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[name] = 2;
            return null;
        }
    }

    // A problem with an input given by --set is reported as a bad override, not at a position in the file.
    private static Diagnostic At(string code, string file, ConfigValue at, string message) => at is ConfigOverride o
        ? new Diagnostic(DiagnosticCodes.BadOverride, "--set", 0, 0, $"{o.Origin}: {message}")
        : new Diagnostic(code, file, at.Line, at.Column, message);

    private static void CheckWriteSteps(IReadOnlyList<Node> nodes, string file, DiagnosticBag diagnostics)
    {
        var writes = nodes.Where(n => n.Type == "write").ToList();
        // Only when every step is known: a step of an unknown or missing type may be the write step.
        if (writes.Count == 0 && nodes.Count > 0 && nodes.All(n => n.Type is not null))
        {
            // Located at the last step, where the missing write step belongs.
            var at = nodes[^1].Table;
            diagnostics.Add(new Diagnostic(DiagnosticCodes.WriteStepCount, file, at.Line, at.Column, "the pipeline has no 'write' step, so nothing would be kept"));
        }

        foreach (var extra in writes.Skip(1))
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.WriteStepCount, file, extra.Table.Line, extra.Table.Column, $"step '{extra.Name}': a pipeline has one 'write' step (give it several inputs instead)"));
        }
    }
}
