using DataForge.Core.Records;
using DataForge.Core.Review;
using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>
/// Where a step's outcomes go: kept records to every consumer (stamped with the step's name and a
/// keep reason), rejects to the step's reject lane on disk; a selection step's scores to its stats.
/// Review verdicts act on kept outcomes first: a rejected record is dropped here, a flagged one marked.
/// </summary>
internal sealed class OutcomeRouter
{
    private readonly GraphNode _node;
    private readonly StepStats _stats;
    private readonly string _spillPrefix;
    private readonly ReviewVerdicts _verdicts;
    private readonly List<(NodeRunner Consumer, int Index)> _consumers = [];
    private SpillFile? _rejects;

    public OutcomeRouter(GraphNode node, StepStats stats, string spillPrefix, ReviewVerdicts verdicts)
    {
        _verdicts = verdicts;
        _node = node;
        _stats = stats;
        _spillPrefix = spillPrefix;
    }

    /// <summary>The reject lane's spill file, when the step rejected anything.</summary>
    public string? RejectLane => _rejects is { Count: > 0 } ? _rejects.Path : null;

    public void AddConsumer(NodeRunner consumer, int inputIndex) => _consumers.Add((consumer, inputIndex));

    public async ValueTask RouteAsync(Outcome outcome, CancellationToken cancellationToken)
    {
        outcome = _verdicts.Apply(outcome);
        var sample = outcome.Sample;
        if (_node.Step.IsSelection)
        {
            _stats.RecordScores(sample.Scores, outcome.Verdict.Kept);
        }

        if (outcome.Verdict.Kept)
        {
            if (_node.Step.Role != StepRole.Filter)
            {
                sample = sample with { Step = _node.Name };
            }

            if (outcome.Verdict.Reason is { } reason)
            {
                sample = sample with { Reason = reason };
            }

            _stats.Emitted();
            foreach (var (consumer, index) in _consumers)
            {
                await consumer.Input!.SendAsync(index, sample, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        _stats.Dropping(outcome.Verdict.Reason!, outcome.Verdict.IsError);
        _rejects ??= new SpillFile($"{_spillPrefix}-rejects.jsonl");
        var reject = sample with { Step = _node.Name, Reason = outcome.Verdict.Reason, Raw = outcome.Raw ?? sample.Raw };
        if (outcome.Verdict.IsError)
        {
            reject = reject.WithMeta("reject_class", "error");
        }

        await _rejects.AppendAsync(reject, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A kept record of a replayed step, already stamped by the partition that ran it: to every consumer as it is.</summary>
    public async ValueTask ReplayKeptAsync(Sample sample, CancellationToken cancellationToken)
    {
        _stats.Emitted();
        foreach (var (consumer, index) in _consumers)
        {
            await consumer.Input!.SendAsync(index, sample, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A reject of a replayed step, as the partition that ran it wrote it: counted and appended to the lane.</summary>
    public async ValueTask ReplayRejectAsync(Sample sample, CancellationToken cancellationToken)
    {
        _stats.Dropping(sample.Reason ?? "unknown", sample.MetaText("reject_class") == "error");
        _rejects ??= new SpillFile($"{_spillPrefix}-rejects.jsonl");
        await _rejects.AppendAsync(sample, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask RouteAllAsync(IEnumerable<Outcome> outcomes, CancellationToken cancellationToken)
    {
        foreach (var outcome in outcomes)
        {
            await RouteAsync(outcome, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the reject lane and tells every consumer this input has ended.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_rejects is not null)
        {
            await _rejects.CloseAsync().ConfigureAwait(false);
        }

        foreach (var (consumer, index) in _consumers)
        {
            await consumer.Input!.CompleteAsync(index, cancellationToken).ConfigureAwait(false);
        }
    }
}
