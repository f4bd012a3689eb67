namespace DataForge.Generation.Evol;

/// <summary>The drop reasons of <see cref="EvolInstructExpander"/>.</summary>
internal static class EvolReasons
{
    public const string NoInstruction = "no_instruction";
    public const string RequestRejected = "request_rejected";
    public const string ContextTooLong = "context_too_long";
    public const string Empty = "evolution_empty";
    public const string Equal = "evolution_equal";
    public const string Sorry = "evolution_sorry";
    public const string StopWords = "evolution_stopwords";
    public const string CopiedMarkers = "evolution_copied_markers";
    public const string Same = "evolution_same";
    public const string TooManyLines = "evolution_too_many_lines";
    public const string TooManyItems = "evolution_too_many_items";
    public const string PromptLeaked = "evolution_prompt_leaked";
    public const string AiBoilerplate = "evolution_ai_boilerplate";

    public static IReadOnlyList<string> All { get; } =
        [NoInstruction, RequestRejected, ContextTooLong, Empty, Equal, Sorry, StopWords, CopiedMarkers, Same, TooManyLines, TooManyItems, PromptLeaked, AiBoilerplate];
}
