namespace DataForge.Models.OpenAi.Internal;

/// <summary>
/// The seed as sent: servers take a signed 64-bit seed (vLLM rejects larger values), so the derived
/// 64-bit seed goes as its two's-complement signed value; <c>dataforge serve</c> maps it back, so
/// the model sees the same seed as a direct call. Both request paths send the same value.
/// </summary>
internal static class WireSeed
{
    public static long Of(ulong seed) => unchecked((long)seed);
}
