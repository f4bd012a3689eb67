using TorchSharp;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Modeling;

/// <summary>Keys and values of every layer for the tokens seen so far: each (B, KvH, S, D).</summary>
internal sealed class KvCache : IDisposable
{
    private readonly Tensor?[] _keys;
    private readonly Tensor?[] _values;

    public KvCache(int layers)
    {
        _keys = new Tensor?[layers];
        _values = new Tensor?[layers];
    }

    /// <summary>Where the cached tensors live.</summary>
    public Device Device => _keys[0]?.device ?? torch.CPU;

    /// <summary>Tokens cached so far.</summary>
    public long Length => _keys[0]?.shape[2] ?? 0;

    /// <summary>Appends this step's keys and values for a layer and returns the whole history.</summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        var oldK = _keys[layer];
        var oldV = _values[layer];
        var k = oldK is null ? keys.alias() : torch.cat([oldK, keys], dim: 2);
        var v = oldV is null ? values.alias() : torch.cat([oldV, values], dim: 2);
        oldK?.Dispose();
        oldV?.Dispose();
        _keys[layer] = k.DetachFromDisposeScope();
        _values[layer] = v.DetachFromDisposeScope();
        return (k, v);
    }

    /// <summary>Keeps only the given batch rows (finished sequences leave the batch).</summary>
    public void Select(Tensor rows)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            Replace(ref _keys[i], rows);
            Replace(ref _values[i], rows);
        }
    }

    public void Dispose()
    {
        foreach (var t in _keys.Concat(_values))
        {
            t?.Dispose();
        }
    }

    private static void Replace(ref Tensor? slot, Tensor rows)
    {
        if (slot is null)
        {
            return;
        }

        var selected = slot.index_select(0, rows).DetachFromDisposeScope();
        slot.Dispose();
        slot = selected;
    }
}
