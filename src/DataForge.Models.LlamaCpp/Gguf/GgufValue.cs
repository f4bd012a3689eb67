namespace DataForge.Models.LlamaCpp.Gguf;

/// <summary>
/// One GGUF metadata value: a scalar (<c>uint</c>, <c>int</c>, <c>ulong</c>, <c>long</c>, <c>float</c>,
/// <c>double</c>, <c>bool</c>, <c>string</c>) or an array of one element type.
/// </summary>
/// <param name="Type">The value's type tag.</param>
/// <param name="Value">The scalar, or an <see cref="IReadOnlyList{T}"/> of objects for an array.</param>
/// <param name="ElementType">An array's element type (ignored for scalars).</param>
internal sealed record GgufValue(GgufValueType Type, object Value, GgufValueType ElementType = GgufValueType.UInt8)
{
    /// <summary>A string.</summary>
    public static GgufValue Of(string value) => new(GgufValueType.String, value);

    /// <summary>An unsigned 32-bit integer.</summary>
    public static GgufValue Of(uint value) => new(GgufValueType.UInt32, value);

    /// <summary>A 32-bit float.</summary>
    public static GgufValue Of(float value) => new(GgufValueType.Float32, value);

    /// <summary>A boolean.</summary>
    public static GgufValue Of(bool value) => new(GgufValueType.Bool, value);

    /// <summary>An array of strings.</summary>
    public static GgufValue Strings(IEnumerable<string> values) => new(GgufValueType.Array, values.Cast<object>().ToList(), GgufValueType.String);

    /// <summary>An array of signed 32-bit integers.</summary>
    public static GgufValue Int32s(IEnumerable<int> values) => new(GgufValueType.Array, values.Cast<object>().ToList(), GgufValueType.Int32);

    /// <summary>The value as a string (a string value only).</summary>
    public string AsString() => Value as string ?? throw new InvalidDataException($"expected a string, found {Type}");

    /// <summary>The value as a 64-bit integer (any integer type).</summary>
    public long AsInteger() => Value switch
    {
        byte v => v,
        sbyte v => v,
        ushort v => v,
        short v => v,
        uint v => v,
        int v => v,
        ulong v => checked((long)v),
        long v => v,
        _ => throw new InvalidDataException($"expected an integer, found {Type}"),
    };

    /// <summary>The value as a double (any number type).</summary>
    public double AsDouble() => Value switch
    {
        float v => v,
        double v => v,
        _ => AsInteger(),
    };

    /// <summary>The elements of an array value.</summary>
    public IReadOnlyList<object> AsArray() => Value as IReadOnlyList<object> ?? throw new InvalidDataException($"expected an array, found {Type}");
}
