namespace DataForge.Cli.Export;

/// <summary>The JSON Lines shapes <c>dataforge export</c> writes.</summary>
internal enum ExportFormat
{
    /// <summary><c>{"instruction", "input", "output"}</c>.</summary>
    Alpaca,

    /// <summary><c>{"conversations": [{"from": "human"|"gpt"|"system", "value"}]}</c>.</summary>
    ShareGpt,

    /// <summary><c>{"messages": [{"role", "content"}]}</c> (OpenAI chat).</summary>
    Messages,

    /// <summary><c>{"text"}</c>: the conversation rendered through a chat template.</summary>
    Text,
}

/// <summary>Names of <see cref="ExportFormat"/> on the command line.</summary>
internal static class ExportFormats
{
    /// <summary>The names, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["alpaca", "sharegpt", "messages", "text"];

    /// <summary>The format named <paramref name="name"/> (any case), or null when there is none.</summary>
    public static ExportFormat? Parse(string? name) => name?.ToLowerInvariant() switch
    {
        "alpaca" => ExportFormat.Alpaca,
        "sharegpt" => ExportFormat.ShareGpt,
        "messages" => ExportFormat.Messages,
        "text" => ExportFormat.Text,
        _ => null,
    };
}
