namespace DataForge.Core.Steps;

/// <summary>What a step reads, what it adds, and the drop reasons it may use; checked by <c>validate</c> and by the conformance kit.</summary>
/// <param name="Requires">Record fields (snake_case column names) the step reads.</param>
/// <param name="Produces">Record fields the step adds or changes.</param>
/// <param name="DropReasons">Every reason the step may drop or reject with.</param>
public sealed record StepContract(IReadOnlyList<string> Requires, IReadOnlyList<string> Produces, IReadOnlyList<string> DropReasons)
{
    /// <summary>A contract for a filter: reads fields, adds none.</summary>
    public static StepContract Filter(IReadOnlyList<string> requires, IReadOnlyList<string> drops) => new(requires, [], drops);
}
