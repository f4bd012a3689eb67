namespace DataForge.Scoring.Ifd;

/// <summary>
/// The prompt formats Cherry_LLM scores with (github.com/tianyi-lab/Cherry_LLM), and the answer prefix of each
/// format's direct pass.
/// </summary>
/// <remarks>
/// <c>alpaca</c>: the Stanford Alpaca template, with or without its input section; <c>wiz</c>:
/// <c>{instruction}\n\n### Response:</c> (the input, when present, on the line after the
/// instruction); <c>vicuna</c>: the Vicuna v1.1 system line, then <c>USER: ... ASSISTANT:</c>;
/// <c>none</c>: the instruction, then the input on the next line, no prefix. The answer follows the
/// formatted prompt directly, as in the reference (<c>whole = prompt + answer</c>).
/// </remarks>
public static class IfdPromptFormat
{
    /// <summary>The names, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["alpaca", "wiz", "vicuna", "none"];

    private const string AlpacaHeadWithInput =
        "Below is an instruction that describes a task, paired with an input that provides further context. "
        + "Write a response that appropriately completes the request.";

    private const string AlpacaHeadNoInput =
        "Below is an instruction that describes a task. Write a response that appropriately completes the request.";

    private const string VicunaSystem =
        "A chat between a curious user and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the user's questions.";

    /// <summary>The formatted prompt for an instruction and its (possibly empty) input.</summary>
    /// <exception cref="ArgumentException">Unknown format.</exception>
    public static string Prompt(string format, string instruction, string? input)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var hasInput = !string.IsNullOrEmpty(input);
        return format switch
        {
            "alpaca" => hasInput
                ? $"{AlpacaHeadWithInput}\n\n### Instruction:\n{instruction}\n\n### Input:\n{input}\n\n### Response:"
                : $"{AlpacaHeadNoInput}\n\n### Instruction:\n{instruction}\n\n### Response:",
            "wiz" => hasInput ? $"{instruction}\n{input}\n\n### Response:" : $"{instruction}\n\n### Response:",
            "vicuna" => hasInput ? $"{VicunaSystem} USER: {instruction}\n{input} ASSISTANT:" : $"{VicunaSystem} USER: {instruction} ASSISTANT:",
            "none" => Plain(instruction, input),
            _ => throw new ArgumentException($"unknown prompt format '{format}' (known: {string.Join(", ", Names)})", nameof(format)),
        };
    }

    /// <summary>The text the direct pass puts before the answer: <c>### Response:</c> (alpaca, wiz), <c>ASSISTANT:</c> (vicuna), nothing (none).</summary>
    public static string AnswerPrefix(string format) => format switch
    {
        "alpaca" or "wiz" => "### Response:",
        "vicuna" => "ASSISTANT:",
        "none" => "",
        _ => throw new ArgumentException($"unknown prompt format '{format}' (known: {string.Join(", ", Names)})", nameof(format)),
    };

    /// <summary>The instruction, then the input on the next line when there is one (Evolution-Analysis's <c>q</c>).</summary>
    public static string Plain(string instruction, string? input)
        => string.IsNullOrEmpty(input) ? instruction : $"{instruction}\n{input}";
}
