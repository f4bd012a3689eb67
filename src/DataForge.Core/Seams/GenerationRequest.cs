using DataForge.Core.Records;

namespace DataForge.Core.Seams;

/// <summary>One generation request: chat messages or a raw prompt, and sampling parameters.</summary>
/// <param name="Messages">Chat messages; null when <paramref name="Prompt"/> is given.</param>
/// <param name="Prompt">A raw prompt; null when <paramref name="Messages"/> is given.</param>
/// <param name="MaxTokens">Most new tokens.</param>
/// <param name="Temperature">Sampling temperature; 0 is greedy.</param>
/// <param name="TopP">Nucleus mass.</param>
/// <param name="TopK">Top-k cut; 0 for none.</param>
/// <param name="Stop">Stop strings.</param>
/// <param name="Seed">Sampling seed, derived from (run seed, record id, step).</param>
public sealed record GenerationRequest(
    IReadOnlyList<ChatMessage>? Messages,
    string? Prompt,
    int MaxTokens,
    double Temperature,
    double TopP,
    int TopK,
    IReadOnlyList<string> Stop,
    ulong Seed);
