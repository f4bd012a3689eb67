using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace DataForge.Core.Options;

/// <summary>
/// Reads an options record's <see cref="OptionAttribute"/> properties: the key definitions the
/// validator checks against, the binding of validated values onto a fresh record, and the same
/// checks for a record built in code. Values in validated form are <see cref="long"/>,
/// <see cref="double"/>, <see cref="bool"/>, <see cref="string"/>, a list of strings, or null.
/// </summary>
public static class OptionSchema
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Entry>> Cache = new();

    /// <summary>The keys <paramref name="optionsType"/> declares, in declaration order.</summary>
    public static IReadOnlyList<OptionDefinition> Definitions(Type optionsType) => [.. EntriesOf(optionsType).Select(e => e.Definition)];

    /// <summary>A fresh <typeparamref name="T"/> with every key of <paramref name="values"/> set (absent keys keep their defaults).</summary>
    public static T Bind<T>(IReadOnlyDictionary<string, object?> values) where T : new() => (T)Bind(typeof(T), values);

    /// <summary>A fresh record of <paramref name="optionsType"/> with every key of <paramref name="values"/> set.</summary>
    public static object Bind(Type optionsType, IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var options = Activator.CreateInstance(optionsType)!;
        foreach (var entry in EntriesOf(optionsType))
        {
            if (values.TryGetValue(entry.Definition.Key, out var value) && (value is not null || entry.Nullable))
            {
                entry.Property.SetValue(options, FromValidated(value, entry.Property.PropertyType));
            }
        }

        return options;
    }

    /// <summary>
    /// Checks a record built in code as the validator checks a pipeline: every range, every allowed
    /// value, then the record's rules across keys.
    /// </summary>
    /// <exception cref="ArgumentException">A key is out of range or a rule does not hold; the message names the key.</exception>
    public static void Validate(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var entry in EntriesOf(options.GetType()))
        {
            if (Problem(entry.Definition, ToValidated(entry.Property.GetValue(options))) is { } message)
            {
                throw new ArgumentException($"{entry.Definition.Key}: {message}", entry.Property.Name);
            }
        }

        if (options is IOptionsCheck checkable && checkable.Check() is { } problem)
        {
            throw new ArgumentException($"{problem.Key}: {problem.Message}", problem.Key);
        }
    }

    /// <summary>Why a validated value does not fit its definition (range, allowed values), or null.</summary>
    public static string? Problem(OptionDefinition definition, object? value)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (value is long or double)
        {
            var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (double.IsNaN(number) || number < definition.Min || number > definition.Max)
            {
                var range = definition.Max is { } max ? $"between {definition.Min} and {max}" : $"at least {definition.Min}";
                return $"'{definition.Key}' must be {range}, got {number.ToString(CultureInfo.InvariantCulture)}";
            }
        }

        var strings = value switch
        {
            string text => [text],
            IReadOnlyList<string> list => list,
            _ => [],
        };
        var outside = definition.Allowed is { } allowed ? strings.FirstOrDefault(s => !allowed.Contains(s)) : null;
        return outside is null ? null
            : $"'{definition.Key}' must be one of {string.Join(", ", definition.Allowed!.Select(a => $"'{a}'"))}, got '{outside}'";
    }

    /// <summary>The pipeline name of an enumeration value: its <see cref="OptionNameAttribute"/>, else its snake_case name.</summary>
    public static string NameOf(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var field = value.GetType().GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static);
        return field?.GetCustomAttribute<OptionNameAttribute>()?.Name ?? SnakeCase(value.ToString());
    }

    private static IReadOnlyList<Entry> EntriesOf(Type optionsType) => Cache.GetOrAdd(optionsType, Read);

    private static List<Entry> Read(Type type)
    {
        var defaults = Activator.CreateInstance(type)
            ?? throw new ArgumentException($"{type.Name} needs a parameterless constructor", nameof(type));
        var entries = new List<Entry>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (property.GetCustomAttribute<OptionAttribute>() is not { } attribute)
            {
                continue;
            }

            var (kind, allowed) = KindOf(property.PropertyType, attribute);
            var definition = new OptionDefinition(attribute.Key, kind, ToValidated(property.GetValue(defaults)), attribute.Description)
            {
                Required = attribute.Required,
                Min = double.IsNaN(attribute.Min) ? null : attribute.Min,
                Max = double.IsNaN(attribute.Max) ? null : attribute.Max,
                Allowed = allowed,
                AffectsResult = attribute.AffectsResult,
                Trainable = attribute.Trainable,
                DefaultText = attribute.DefaultText,
            };
            var nullable = !property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null;
            entries.Add(new Entry(definition, property, nullable));
        }

        return entries;
    }

    private static (OptionKind Kind, IReadOnlyList<string>? Allowed) KindOf(Type type, OptionAttribute attribute)
    {
        var core = Nullable.GetUnderlyingType(type) ?? type;
        if (core == typeof(string))
        {
            return (attribute.Kind, attribute.Allowed);
        }

        if (core.IsEnum)
        {
            return (OptionKind.String, EnumNames(core));
        }

        if (ElementOf(core) is { } element)
        {
            return (OptionKind.StringList, element.IsEnum ? EnumNames(element) : attribute.Allowed);
        }

        return Type.GetTypeCode(core) switch
        {
            TypeCode.Int32 or TypeCode.Int64 => (OptionKind.Integer, null),
            TypeCode.Double or TypeCode.Single => (OptionKind.Float, null),
            TypeCode.Boolean => (OptionKind.Boolean, null),
            _ => throw new NotSupportedException($"option property of type {type.Name} (use string, int, long, double, bool, an enumeration or a list of strings or enumeration values)"),
        };
    }

    private static string[] EnumNames(Type enumType) => [.. Enum.GetValues(enumType).Cast<Enum>().Select(NameOf)];

    private static Type? ElementOf(Type type)
        => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && type.GetGenericArguments()[0] is var e && (e == typeof(string) || e.IsEnum) ? e : null;

    // A property value in validated form.
    private static object? ToValidated(object? value) => value switch
    {
        null => null,
        int i => (long)i,
        float f => (double)f,
        Enum e => NameOf(e),
        string or long or double or bool => value,
        IReadOnlyList<string> list => (IReadOnlyList<string>)[.. list],
        System.Collections.IEnumerable items => (IReadOnlyList<string>)[.. items.Cast<Enum>().Select(NameOf)],
        _ => throw new NotSupportedException($"option value of type {value.GetType().Name}"),
    };

    // A validated value as the property's type.
    private static object? FromValidated(object? value, Type propertyType)
    {
        var core = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        return value switch
        {
            null => null,
            string text when core.IsEnum => ParseEnum(core, text),
            IReadOnlyList<string> list when ElementOf(core) is { IsEnum: true } element => EnumArray(element, list),
            IReadOnlyList<string> list => (IReadOnlyList<string>)[.. list],
            long n when core == typeof(int) => (int)Math.Clamp(n, int.MinValue, int.MaxValue),
            long n when core == typeof(double) => (double)n,
            double d when core == typeof(float) => (float)d,
            _ => value,
        };
    }

    private static Enum ParseEnum(Type enumType, string text)
        => Enum.GetValues(enumType).Cast<Enum>().FirstOrDefault(v => NameOf(v) == text)
            ?? throw new ArgumentException($"'{text}' is not one of {string.Join(", ", EnumNames(enumType))}");

    private static Array EnumArray(Type enumType, IReadOnlyList<string> names)
    {
        var array = Array.CreateInstance(enumType, names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            array.SetValue(ParseEnum(enumType, names[i]), i);
        }

        return array;
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private sealed record Entry(OptionDefinition Definition, PropertyInfo Property, bool Nullable);
}
