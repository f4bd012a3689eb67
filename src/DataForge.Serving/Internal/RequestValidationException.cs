namespace DataForge.Serving.Internal;

/// <summary>A malformed request; answered with HTTP 400 and an OpenAI-style error body.</summary>
internal sealed class RequestValidationException(string message, string? param, string code = "invalid_value") : Exception(message)
{
    public string? Param { get; } = param;

    public string Code { get; } = code;

    public static RequestValidationException Missing(string param)
        => new($"'{param}' is required.", param, "missing_required_parameter");

    public static RequestValidationException WrongType(string param, string expected)
        => new($"'{param}' must be {expected}.", param);

    public static RequestValidationException Unsupported(string param, string detail)
        => new($"'{param}': {detail}", param, "unsupported_value");
}
