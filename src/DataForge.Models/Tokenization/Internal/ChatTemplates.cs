namespace DataForge.Models.Tokenization.Internal;

/// <summary>
/// The Jinja chat templates written into a trained tokenizer's <c>tokenizer_config.json</c>, so that
/// Hugging Face tooling renders prompts exactly as <see cref="ChatFormat"/> does.
/// </summary>
internal static class ChatTemplates
{
    // Jinja string literals: "\n" below is the two characters a Jinja parser turns into a newline.
    public const string ChatMl =
        "{% for message in messages %}"
        + "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
        + "{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    public const string Llama3 =
        "{{ bos_token }}"
        + "{% for message in messages %}"
        + "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}"
        + "{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}";
}
