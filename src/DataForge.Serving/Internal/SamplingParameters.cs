namespace DataForge.Serving.Internal;

/// <summary>The sampling members shared by both endpoints.</summary>
internal sealed record SamplingParameters(double Temperature, double TopP, int TopK, IReadOnlyList<string> Stop, ulong Seed)
{
    public static SamplingParameters Read(RequestReader reader)
    {
        var temperature = reader.Number("temperature", 1.0, 0, double.MaxValue);
        var topP = reader.Number("top_p", 1.0, 0, 1);
        if (topP == 0)
        {
            throw RequestValidationException.WrongType("top_p", "above 0");
        }

        // vLLM's convention: -1 (or 0) means no top-k cut.
        var topK = reader.Int("top_k", -1) is { } k && k > 0 ? k : 0;
        return new SamplingParameters(temperature, topP, topK, reader.Stop(), reader.Seed());
    }
}
