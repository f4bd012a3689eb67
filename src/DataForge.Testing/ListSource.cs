using System.Runtime.CompilerServices;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Testing;

/// <summary>A source that emits a fixed list of records, in list order (for tests).</summary>
public sealed class ListSource : SourceStep
{
    private readonly IReadOnlyList<Sample> _samples;

    /// <summary>Creates a source over <paramref name="samples"/>.</summary>
    public ListSource(IReadOnlyList<Sample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        _samples = samples;
    }

    /// <inheritdoc/>
    public override StepContract Contract { get; } = new([], [], []);

    /// <inheritdoc/>
    public override async IAsyncEnumerable<Outcome> ReadAsync(StepContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < _samples.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Yield now and then so a long list does not run synchronously on one thread.
            if (i % 64 == 63)
            {
                await Task.Yield();
            }

            yield return Outcome.Keep(_samples[i]);
        }
    }
}
