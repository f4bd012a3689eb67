using DataForge.Core.Records;

namespace DataForge.Core.Engine;

/// <summary>
/// The input side of a step with one or more inputs. The first input streams straight through;
/// the others are spilled to disk and replayed in declared order once every input has finished.
/// That keeps the merged order deterministic without letting one branch stall another (two
/// branches of a common ancestor never wait on each other).
/// </summary>
internal sealed class MergeInput
{
    private readonly SpillFile?[] _spills;
    private readonly Func<Sample, CancellationToken, ValueTask> _forward;
    private readonly Func<CancellationToken, ValueTask> _complete;
    private int _remaining;

    public MergeInput(int inputCount, string spillPrefix, Func<Sample, CancellationToken, ValueTask> forward, Func<CancellationToken, ValueTask> complete)
    {
        _remaining = inputCount;
        _forward = forward;
        _complete = complete;
        _spills = new SpillFile?[inputCount];
        for (var i = 1; i < inputCount; i++)
        {
            _spills[i] = new SpillFile($"{spillPrefix}-in{i}.jsonl");
        }
    }

    public ValueTask SendAsync(int index, Sample sample, CancellationToken cancellationToken)
    {
        if (sample.Order is { } order && _spills.Length > 1)
        {
            sample = sample with { Order = StreamOrder.Input(index, order) };
        }

        return index == 0 ? _forward(sample, cancellationToken) : _spills[index]!.AppendAsync(sample, cancellationToken);
    }

    public async ValueTask CompleteAsync(int index, CancellationToken cancellationToken)
    {
        if (_spills[index] is { } spill)
        {
            await spill.CloseAsync().ConfigureAwait(false);
        }

        if (Interlocked.Decrement(ref _remaining) > 0)
        {
            return;
        }

        for (var i = 1; i < _spills.Length; i++)
        {
            await foreach (var sample in SpillFile.ReadAsync(_spills[i]!.Path, cancellationToken).ConfigureAwait(false))
            {
                await _forward(sample, cancellationToken).ConfigureAwait(false);
            }

            File.Delete(_spills[i]!.Path);
        }

        await _complete(cancellationToken).ConfigureAwait(false);
    }
}
