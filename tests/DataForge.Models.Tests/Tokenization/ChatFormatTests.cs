using DataForge.Core.Records;
using DataForge.Models.Tokenization;
using Xunit;

namespace DataForge.Models.Tests.Tokenization;

public sealed class ChatFormatTests
{
    private static readonly ChatMessage[] Conversation =
    [
        new("system", "Be brief."),
        new("user", "  What is 2+2?\n"),
    ];

    [Fact]
    public void Render_ChatMl_WritesEveryTurnAndTheGenerationPrompt()
    {
        // Arrange + Act
        var text = ChatFormat.ChatMl.Render(Conversation, addGenerationPrompt: true);

        // Assert
        Assert.Equal(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\n  What is 2+2?\n<|im_end|>\n<|im_start|>assistant\n",
            text);
    }

    [Fact]
    public void Render_Llama3_StartsWithBosAndTrimsContent()
    {
        // Arrange + Act
        var text = ChatFormat.Llama3.Render(Conversation, addGenerationPrompt: true);

        // Assert
        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n",
            text);
    }

    [Theory]
    [InlineData(ChatFormatKind.ChatMl, "<|im_start|>user\nhi<|im_end|>\n")]
    [InlineData(ChatFormatKind.Llama3, "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|>")]
    public void Render_WithoutGenerationPrompt_EndsAfterTheLastTurn(ChatFormatKind kind, string expected)
    {
        // Arrange + Act
        var text = ChatFormat.For(kind).Render([new ChatMessage("user", "hi")], addGenerationPrompt: false);

        // Assert
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(ChatFormatKind.ChatMl, " 4 ", " 4 <|im_end|>")]
    [InlineData(ChatFormatKind.Llama3, " 4 ", "4<|eot_id|>")]
    public void RenderTraining_ResponseEndsWithTheTurnMarker(ChatFormatKind kind, string response, string expected)
    {
        // Arrange
        var format = ChatFormat.For(kind);

        // Act
        var example = format.RenderTraining(Conversation, response);

        // Assert
        Assert.Equal(format.Render(Conversation, addGenerationPrompt: true), example.Prompt);
        Assert.Equal(expected, example.Response);
    }

    [Fact]
    public void Detect_KnownTemplates_FindsTheFormat()
    {
        // Arrange
        const string Llama3Style = "{% for m in messages %}{{ '<|start_header_id|>' + m['role'] + '<|end_header_id|>\\n\\n' }}{% endfor %}";
        var qwenStyle = QwenStyleTokenizer.Load().ChatTemplate;

        // Act + Assert
        Assert.Equal(ChatFormatKind.ChatMl, ChatFormat.Detect(qwenStyle));
        Assert.Equal(ChatFormatKind.Llama3, ChatFormat.Detect(Llama3Style));
        Assert.Equal(ChatFormatKind.ChatMl, ChatFormat.Detect(ChatFormat.ChatMl.Template));
        Assert.Equal(ChatFormatKind.Llama3, ChatFormat.Detect(ChatFormat.Llama3.Template));
    }

    [Theory]
    [InlineData("{% for message in messages %}[INST] {{ message['content'] }} [/INST]{% endfor %}", "not a format DataForge recognises")]
    [InlineData(null, "no chat_template")]
    [InlineData("", "no chat_template")]
    public void Detect_UnknownOrMissingTemplate_NamesTheChatFormatKey(string? template, string reason)
    {
        // Arrange + Act
        var error = Assert.Throws<InvalidDataException>(() => ChatFormat.Detect(template));

        // Assert
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("chat_format = \"chatml\" or \"llama3\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StopTokens_PerFormat_EndOfTurnFirst()
    {
        // Arrange + Act + Assert
        Assert.Equal(["<|im_end|>", "<|endoftext|>"], ChatFormat.ChatMl.StopTokens);
        Assert.Equal(["<|eot_id|>", "<|end_of_text|>"], ChatFormat.Llama3.StopTokens);
    }

    [Theory]
    [InlineData("chatml", ChatFormatKind.ChatMl)]
    [InlineData("Llama3", ChatFormatKind.Llama3)]
    public void Parse_ConfigValue_GivesTheFormat(string value, ChatFormatKind expected)
    {
        // Arrange + Act
        var format = ChatFormat.Parse(value);

        // Assert
        Assert.Equal(expected, format.Kind);
        Assert.Equal(ChatFormat.ConfigKey, "chat_format");
    }

    [Fact]
    public void Parse_UnknownValue_ThrowsNamingTheKey()
    {
        // Arrange + Act
        var error = Assert.Throws<ArgumentException>(() => ChatFormat.Parse("vicuna"));

        // Assert
        Assert.Contains("chat_format 'vicuna'", error.Message, StringComparison.Ordinal);
    }
}
