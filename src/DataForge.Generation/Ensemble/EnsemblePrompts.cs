using DataForge.Generation.Prompts;
using System.Globalization;
using System.Text;

namespace DataForge.Generation.Ensemble;

/// <summary>Builds the Ensemble-Instruct prompts from templates (docs/algorithms.md#ensemble-instruct).</summary>
public static class EnsemblePrompts
{
    /// <summary>
    /// The instruction-generation prompt: the template's header line, the demonstrations as
    /// <c>"{i}. {instruction} |EoS|"</c> lines (whitespace collapsed, a trailing <c>:</c> removed), then the next number and <c>.</c> as the open slot.
    /// </summary>
    public static string Instructions(PromptTemplate template, IReadOnlyList<string> demonstrations)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(demonstrations);
        var builder = new StringBuilder(template.Content.TrimEnd()).Append('\n');
        for (var i = 0; i < demonstrations.Count; i++)
        {
            var text = EnsembleText.CollapseWhitespace(demonstrations[i]).TrimEnd(':');
            builder.Append(CultureInfo.InvariantCulture, $"{i + 1}. {text} {EnsembleText.EndOfSample}\n");
        }

        return builder.Append(CultureInfo.InvariantCulture, $"{demonstrations.Count + 1}.").ToString();
    }

    /// <summary>The instance prompt: the template (ending with <c>instruction:</c>), a space, the instruction and a new line.</summary>
    public static string Instance(PromptTemplate template, string instruction)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(instruction);
        return $"{template.Content.TrimEnd()} {instruction.Trim()}\n";
    }

    /// <summary>The zero-shot prompt the ensemble models answer: the instruction, then the input on the next line when there is one.</summary>
    public static string ZeroShot(string? instruction, string? input)
    {
        var task = (instruction ?? "").Trim();
        var given = (input ?? "").Trim();
        return given.Length == 0 ? task : $"{task}\n{given}";
    }
}
