using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>Runs a source: reads every record and routes it; its clock runs from the run's start.</summary>
internal sealed class SourceRunner(GraphNode node, int index, EngineEnvironment environment, SourceStep source)
    : NodeRunner(node, index, environment)
{
    public override void Build(CancellationToken cancellationToken)
    {
    }

    protected override async Task RunCoreAsync(CancellationToken cancellationToken)
    {
        Stats.Start();
        await foreach (var outcome in source.ReadAsync(Context, cancellationToken).ConfigureAwait(false))
        {
            Stats.Received();
            await Router.RouteAsync(outcome, cancellationToken).ConfigureAwait(false);
        }
    }
}
