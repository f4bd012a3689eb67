using DataForge.Core.Seams;
using DataForge.Models.Torch.Modeling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Training;

/// <summary>
/// Trains a <see cref="TorchDecoder"/>: cross-entropy over the labelled tokens only (prompt
/// positions carry the ignore label), backward, gradient clipping, AdamW with the scheduled
/// learning rate. With LoRA the base weights are frozen and only the adapters train.
/// Also gives per-example losses and flattened per-example gradients of the trainable parameters.
/// </summary>
public sealed class DecoderTrainer : IDisposable
{
    /// <summary>The label that excludes a position from the loss.</summary>
    public const long IgnoreLabel = -100;

    private readonly CausalLm _model;
    private readonly TrainingOptions _options;
    private readonly List<(string Name, Parameter Parameter)> _trainable;
    private readonly AdamW _optimizer;
    private readonly List<double> _learningRates = [];
    private int _step;

    /// <summary>Prepares training of all weights, or of LoRA adapters on the named projections when <paramref name="lora"/> is given.</summary>
    public DecoderTrainer(TorchDecoder decoder, TrainingOptions options, LoraOptions? lora = null)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        _model = decoder.Model;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (lora is not null)
        {
            AddLora(lora);
        }

        _trainable = [.. _model.named_parameters().Where(p => lora is null || p.name.Contains(".lora_", StringComparison.Ordinal))];
        foreach (var (name, parameter) in _model.named_parameters())
        {
            parameter.requires_grad = _trainable.Any(t => t.Name == name);
        }

        _optimizer = torch.optim.AdamW(_trainable.Select(t => t.Parameter), options.Plan.LearningRate, options.Beta1, options.Beta2, 1e-8, options.Plan.WeightDecay);
    }

    /// <summary>Names of the parameters being trained, in gradient order.</summary>
    public IReadOnlyList<string> TrainableParameters => [.. _trainable.Select(t => t.Name)];

    /// <summary>Values in one flattened gradient.</summary>
    public long GradientSize => _trainable.Sum(t => t.Parameter.numel());

    /// <summary>Optimizer steps taken.</summary>
    public int Step => _step;

    /// <summary>One optimizer step on a batch of (ids, labels) rows; returns the mean loss over labelled tokens.</summary>
    public double TrainStep(IReadOnlyList<(int[] Ids, long[] Labels)> batch)
    {
        _model.train();
        using var scope = torch.NewDisposeScope();
        var learningRate = _options.LearningRateAt(_step);
        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        _optimizer.zero_grad();
        var loss = Loss(_model, batch);
        loss.backward();
        if (_options.Plan.ClipNorm > 0)
        {
            nn.utils.clip_grad_norm_(_trainable.Select(t => t.Parameter), _options.Plan.ClipNorm);
        }

        _optimizer.step();
        _step++;
        _learningRates.Add(learningRate);
        _model.eval();
        return loss.item<float>();
    }

    /// <summary>Mean loss over labelled tokens of each row, without gradients.</summary>
    public IReadOnlyList<double> Losses(IReadOnlyList<(int[] Ids, long[] Labels)> rows) => Evaluate(_model, rows);

    /// <summary>Mean loss over labelled tokens of each row under the decoder's current weights: no optimizer, no gradients.</summary>
    public static IReadOnlyList<double> Losses(TorchDecoder decoder, IReadOnlyList<(int[] Ids, long[] Labels)> rows)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        return Evaluate(decoder.Model, rows);
    }

    /// <summary>The gradient of each row's mean loss, flattened over the trainable parameters.</summary>
    public IReadOnlyList<float[]> Gradients(IReadOnlyList<(int[] Ids, long[] Labels)> rows)
    {
        var result = new List<float[]>(rows.Count);
        foreach (var row in rows)
        {
            using var scope = torch.NewDisposeScope();
            _optimizer.zero_grad();
            Loss(_model, [row]).backward();
            var parts = _trainable.Select(t => t.Parameter.grad is { } g ? g.flatten().cpu() : torch.zeros(t.Parameter.numel())).ToArray();
            result.Add(torch.cat(parts).data<float>().ToArray());
        }

        _optimizer.zero_grad();
        return result;
    }

    /// <summary>
    /// AdamW's moments, read from the optimizer's own state (TorchSharp keeps one state per parameter,
    /// in the order the parameters were given, i.e. gradient order), and the learning rate of each step.
    /// </summary>
    public AdamState Moments()
    {
        var states = _optimizer.state_dict().State;
        if (states.Count != _trainable.Count)
        {
            throw new InvalidOperationException($"the optimizer holds {states.Count} parameter states for {_trainable.Count} trainable parameters");
        }

        using var scope = torch.NewDisposeScope();
        var state = states.Cast<AdamW.State>().ToList();
        var expAvg = torch.cat(state.Select(s => s.exp_avg.detach().flatten().to(ScalarType.Float32).cpu()).ToArray());
        var expAvgSq = torch.cat(state.Select(s => s.exp_avg_sq.detach().flatten().to(ScalarType.Float32).cpu()).ToArray());
        return new AdamState(_step, [.. _learningRates], expAvg.data<float>().ToArray(), expAvgSq.data<float>().ToArray());
    }

    /// <summary>The trainable parameters' values, flattened in gradient order.</summary>
    public float[] Weights()
    {
        using var scope = torch.NewDisposeScope();
        return torch.cat(_trainable.Select(t => t.Parameter.detach().flatten().to(ScalarType.Float32).cpu()).ToArray()).data<float>().ToArray();
    }

    /// <summary>Sets the trainable parameters from values <see cref="Weights"/> gave.</summary>
    /// <exception cref="ArgumentException">The length differs from the trainable parameters'.</exception>
    public void LoadWeights(float[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.LongLength != GradientSize)
        {
            throw new ArgumentException($"{weights.Length} values for {GradientSize} trainable weights", nameof(weights));
        }

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var offset = 0L;
        foreach (var (_, parameter) in _trainable)
        {
            var count = parameter.numel();
            var values = torch.tensor(weights.AsSpan((int)offset, (int)count).ToArray()).reshape(parameter.shape).to(parameter.dtype).to(parameter.device);
            parameter.copy_(values);
            offset += count;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _optimizer.Dispose();

    private static double[] Evaluate(CausalLm model, IReadOnlyList<(int[] Ids, long[] Labels)> rows)
    {
        using var noGrad = torch.no_grad();
        return [.. rows.Select(row =>
        {
            using var scope = torch.NewDisposeScope();
            return (double)Loss(model, [row]).item<float>();
        })];
    }

    // Mean cross-entropy over the labelled positions of right-padded rows: (B, T) ids, labels shifted by one.
    private static Tensor Loss(CausalLm model, IReadOnlyList<(int[] Ids, long[] Labels)> batch)
    {
        var width = batch.Max(r => r.Ids.Length);
        var ids = new long[batch.Count * width];
        var targets = new long[batch.Count * width];
        Array.Fill(targets, IgnoreLabel);
        for (var row = 0; row < batch.Count; row++)
        {
            var (rowIds, labels) = batch[row];
            for (var c = 0; c < rowIds.Length; c++)
            {
                ids[(row * width) + c] = rowIds[c];
                if (c + 1 < rowIds.Length)
                {
                    targets[(row * width) + c] = labels[c + 1];
                }
            }
        }

        var input = torch.tensor(ids, [batch.Count, width]).to(model.Device);
        var positions = torch.arange(width, dtype: ScalarType.Int64, device: model.Device).unsqueeze(0).expand(batch.Count, width);
        var logits = model.Forward(input, positions, mask: null, cache: null);          // (B, T, V)
        return nn.functional.cross_entropy(logits.view(-1, logits.shape[^1]), torch.tensor(targets).to(model.Device), ignore_index: IgnoreLabel);
    }

    private void AddLora(LoraOptions lora)
    {
        var generator = new Generator((ulong)lora.Seed);
        foreach (var (name, module) in _model.named_modules())
        {
            if (module is Projection projection && !name.Contains("k__BackingField", StringComparison.Ordinal) && lora.Targets.Any(t => name.EndsWith("." + t, StringComparison.Ordinal)) && !projection.HasLora)
            {
                projection.AddLora(lora.Rank, lora.Alpha, generator);
            }
        }
    }
}
