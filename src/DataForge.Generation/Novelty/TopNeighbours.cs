namespace DataForge.Generation.Novelty;

/// <summary>Keeps the best <c>k</c> neighbours in <see cref="Neighbour.Compare"/> order (k is small: at most 100).</summary>
internal sealed class TopNeighbours
{
    private static readonly Comparer<Neighbour> Order = Comparer<Neighbour>.Create(Neighbour.Compare);
    private readonly List<Neighbour> _items = [];
    private readonly int _capacity;

    /// <summary>Creates an empty list holding at most <paramref name="capacity"/> (≥ 1) entries.</summary>
    public TopNeighbours(int capacity) => _capacity = Math.Max(1, capacity);

    /// <summary>The entries, best first.</summary>
    public IReadOnlyList<Neighbour> Items => _items;

    /// <summary>F of the worst kept entry when full; otherwise 0 (anything with F &gt; 0 may still enter).</summary>
    public double Floor => _items.Count < _capacity ? 0 : _items[^1].F;

    /// <summary>Offers a neighbour.</summary>
    public void Add(Neighbour candidate)
    {
        if (_items.Count == _capacity && Neighbour.Compare(candidate, _items[^1]) >= 0)
        {
            return;
        }

        var at = _items.BinarySearch(candidate, Order);
        _items.Insert(at < 0 ? ~at : at, candidate);
        if (_items.Count > _capacity)
        {
            _items.RemoveAt(_items.Count - 1);
        }
    }
}
