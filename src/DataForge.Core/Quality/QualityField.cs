namespace DataForge.Core.Quality;

/// <summary>A record field the quality rules read.</summary>
public enum QualityField
{
    /// <summary>The instruction.</summary>
    Instruction,

    /// <summary>The input (context).</summary>
    Input,

    /// <summary>The output (answer); a program when the record has a code language.</summary>
    Output,

    /// <summary>Every message's content of a conversation; the last assistant message is the answer.</summary>
    Messages,
}
