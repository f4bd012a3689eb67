namespace DataForge.Models.Tokenization;

/// <summary>The chat prompt formats DataForge renders without a template engine.</summary>
public enum ChatFormatKind
{
    /// <summary>ChatML (<c>&lt;|im_start|&gt;role\n…&lt;|im_end|&gt;</c>): Qwen2/2.5, SmolLM2 and DataForge's own models.</summary>
    ChatMl,

    /// <summary>Llama 3 (<c>&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt;\n\n…&lt;|eot_id|&gt;</c>).</summary>
    Llama3,
}
