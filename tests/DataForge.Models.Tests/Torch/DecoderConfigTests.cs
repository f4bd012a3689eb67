using System.Text.Json.Nodes;
using DataForge.Models.Torch.Checkpoints;
using Xunit;

namespace DataForge.Models.Tests.Torch;

public sealed class DecoderConfigTests
{
    private static JsonObject Base() => new()
    {
        ["model_type"] = "llama", ["vocab_size"] = 100, ["hidden_size"] = 32, ["intermediate_size"] = 64,
        ["num_hidden_layers"] = 1, ["num_attention_heads"] = 4,
    };

    [Fact]
    public void Parse_RopeParameters_TakesThetaFromThem()
    {
        // Arrange
        var json = Base();
        json["rope_parameters"] = new JsonObject { ["rope_type"] = "default", ["rope_theta"] = 1000000.0 };

        // Act
        var config = DecoderConfig.Parse(json, "config.json");

        // Assert
        Assert.Equal(1_000_000, config.RopeTheta);
        Assert.Equal(8, config.HeadDim);
        Assert.Equal(4, config.KvHeads);
    }

    [Theory]
    [InlineData("rope_parameters", "llama3")]
    [InlineData("rope_scaling", "yarn")]
    public void Parse_ScaledRope_IsRefusedNamingTheType(string key, string type)
    {
        // Arrange
        var json = Base();
        json[key] = new JsonObject { ["rope_type"] = type, ["factor"] = 8.0 };

        // Act
        var error = Assert.Throws<InvalidDataException>(() => DecoderConfig.Parse(json, "models/x/config.json"));

        // Assert
        Assert.Contains($"rope type '{type}' is not implemented", error.Message);
        Assert.StartsWith("models/x/config.json", error.Message);
    }

    [Fact]
    public void Parse_HeadsNotDivisibleByKvHeads_IsRefused()
    {
        // Arrange
        var json = Base();
        json["num_key_value_heads"] = 3;

        // Act
        var error = Assert.Throws<InvalidDataException>(() => DecoderConfig.Parse(json, "config.json"));

        // Assert
        Assert.Contains("not a multiple", error.Message);
    }

    [Fact]
    public void ToJson_RoundTrips()
    {
        // Arrange
        var json = Base();
        json["head_dim"] = 12;
        json["tie_word_embeddings"] = true;
        var config = DecoderConfig.Parse(json, "config.json");

        // Act
        var again = DecoderConfig.Parse(config.ToJson(), "config.json");

        // Assert
        Assert.Equal(config with { EosTokenIds = [] }, again with { EosTokenIds = [] });
    }
}
