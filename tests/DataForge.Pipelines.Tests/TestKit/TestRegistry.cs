using DataForge.Core.Options;
using DataForge.Core.Steps;
using DataForge.Pipelines.Registry;

namespace DataForge.Pipelines.Tests.TestKit;

/// <summary>Registries for tests.</summary>
internal static class TestRegistry
{
    /// <summary>The type name of the extra step that takes a model reference.</summary>
    public const string ModelStepType = "test-generate";

    /// <summary>The type name of the extra step whose required tool is always missing.</summary>
    public const string ToolStepType = "test-needs-tool";

    /// <summary>
    /// The default registry plus <c>test-generate</c>, a map step with a <c>model</c> key of kind
    /// <see cref="OptionKind.ModelRef"/> (no built-in step has one yet), and <c>test-needs-tool</c>, whose
    /// required tool is always missing. They are only validated, never built.
    /// </summary>
    public static StepRegistry WithModelStep()
    {
        var registry = StepRegistry.CreateDefault();
        registry.Register(new StepTypeDefinition(
            ModelStepType,
            StepRole.Map,
            "Test step that names a model.",
            [new("model", OptionKind.ModelRef, null, "the [models.NAME] to generate with") { Required = true }],
            _ => throw new NotSupportedException("test-generate is only validated, never built")));
        registry.Register(new StepTypeDefinition(
            ToolStepType,
            StepRole.Map,
            "Test step that needs a tool this machine lacks.",
            [],
            _ => throw new NotSupportedException("test-needs-tool is only validated, never built"))
        {
            Requirement = _ => "test-tool is not installed; install it with: apt-get install test-tool",
        });
        return registry;
    }
}
