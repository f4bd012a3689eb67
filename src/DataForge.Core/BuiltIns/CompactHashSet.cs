namespace DataForge.Core.BuiltIns;

/// <summary>
/// A set of 64-bit hashes in one open-addressing array (8 bytes a slot, load factor at most 1/2),
/// pre-sized for an expected count so memory does not grow in steps while a run streams.
/// </summary>
internal sealed class CompactHashSet
{
    private ulong[] _slots;
    private bool _hasZero;

    public CompactHashSet(long expectedCount)
    {
        _slots = new ulong[Capacity(expectedCount)];
    }

    public long Count { get; private set; }

    /// <summary>Adds a hash; false when it was already present.</summary>
    public bool Add(ulong hash)
    {
        if (hash == 0)
        {
            // 0 marks an empty slot, so the hash 0 is tracked apart.
            if (_hasZero)
            {
                return false;
            }

            _hasZero = true;
            Count++;
            return true;
        }

        if ((Count + 1) * 2 > _slots.LongLength)
        {
            Grow();
        }

        if (!Insert(_slots, hash))
        {
            return false;
        }

        Count++;
        return true;
    }

    private static bool Insert(ulong[] slots, ulong hash)
    {
        var mask = (ulong)slots.LongLength - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            if (slots[i] == 0)
            {
                slots[i] = hash;
                return true;
            }

            if (slots[i] == hash)
            {
                return false;
            }
        }
    }

    private void Grow()
    {
        var bigger = new ulong[_slots.LongLength * 2];
        foreach (var hash in _slots)
        {
            if (hash != 0)
            {
                Insert(bigger, hash);
            }
        }

        _slots = bigger;
    }

    private static long Capacity(long expected)
    {
        var capacity = 1024L;
        while (capacity < expected * 2)
        {
            capacity *= 2;
        }

        return capacity;
    }
}
