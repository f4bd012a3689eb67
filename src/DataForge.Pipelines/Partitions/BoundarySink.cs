using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Pipelines.Partitions;

/// <summary>In a partition's run: keeps what a record-phase step passes on to a global step, for the merge.</summary>
internal sealed class BoundarySink(string path) : SinkStep
{
    private SampleLines? _lines;

    /// <inheritdoc/>
    public override StepContract Contract { get; } = new([], [], []);

    /// <summary>Records written.</summary>
    public long Count => _lines?.Count ?? 0;

    /// <inheritdoc/>
    public override async ValueTask WriteAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
    {
        _lines ??= SampleLines.Create(path);
        await _lines.AppendAsync(sample, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async ValueTask<SinkResult> CompleteAsync(StepContext context, CancellationToken cancellationToken)
    {
        _lines ??= SampleLines.Create(path);
        await _lines.DisposeAsync().ConfigureAwait(false);
        return SinkResult.Empty; // the partition's manifest names the file; nothing reads a hash of it
    }
}
