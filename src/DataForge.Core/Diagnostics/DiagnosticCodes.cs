namespace DataForge.Core.Diagnostics;

/// <summary>The DF diagnostic codes (listed in docs/diagnostics.md).</summary>
public static class DiagnosticCodes
{
    /// <summary>TOML syntax error.</summary>
    public const string Syntax = "DF1001";

    /// <summary>Unknown key.</summary>
    public const string UnknownKey = "DF1002";

    /// <summary>Unknown step type.</summary>
    public const string UnknownStepType = "DF1003";

    /// <summary>Missing required key.</summary>
    public const string MissingKey = "DF1004";

    /// <summary>Wrong value type.</summary>
    public const string WrongType = "DF1005";

    /// <summary>Value out of range or not allowed.</summary>
    public const string InvalidValue = "DF1006";

    /// <summary>Two steps with one name.</summary>
    public const string DuplicateStep = "DF1007";

    /// <summary>An input names no step.</summary>
    public const string DanglingInput = "DF1008";

    /// <summary>The steps form a cycle.</summary>
    public const string Cycle = "DF1009";

    /// <summary>A model reference names no model.</summary>
    public const string UnknownModel = "DF1010";

    /// <summary>Unknown model backend.</summary>
    public const string UnknownBackend = "DF1011";

    /// <summary>A path does not exist.</summary>
    public const string PathNotFound = "DF1012";

    /// <summary>A bad <c>--set</c> override.</summary>
    public const string BadOverride = "DF1013";

    /// <summary>Not exactly one <c>write</c> step.</summary>
    public const string WriteStepCount = "DF1014";

    /// <summary>A step has no input, or a source step has one.</summary>
    public const string BadInput = "DF1015";

    /// <summary>A step's output goes nowhere (warning).</summary>
    public const string UnusedOutput = "DF1016";

    /// <summary>The pipeline file cannot be read.</summary>
    public const string FileNotFound = "DF1017";

    /// <summary>A key is set twice.</summary>
    public const string DuplicateKey = "DF1018";

    /// <summary>A tool a step needs is not installed (warning; its records are rejected at run time).</summary>
    public const string MissingTool = "DF1019";

    /// <summary>A local model folder (backend <c>torch</c> or <c>tiny</c>) cannot be loaded: config.json, tokenizer.json or the safetensors weights.</summary>
    public const string BrokenModel = "DF1020";

    /// <summary>A line of a review verdicts file is malformed (docs/verdicts.md): the whole file is refused.</summary>
    public const string BadVerdict = "DF1021";

    /// <summary>A step that trains a model (<c>select-s2l</c>, <c>select-less</c>) names a model whose backend cannot be trained.</summary>
    public const string UntrainableModel = "DF1022";
}
