namespace DataForge.Models.Torch;

/// <summary>The TorchSharp backend: a Llama-family decoder for Hugging Face checkpoints.</summary>
public static class TorchBackend
{
    /// <summary>The backend name in pipeline files.</summary>
    public const string Name = "torch";
}
