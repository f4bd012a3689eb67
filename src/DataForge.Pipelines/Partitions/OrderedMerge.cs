using System.Runtime.CompilerServices;
using DataForge.Core.Records;

namespace DataForge.Pipelines.Partitions;

/// <summary>Interleaves streams that are each in order-key order into one stream in that order (a k-way merge).</summary>
internal static class OrderedMerge
{
    public static async IAsyncEnumerable<Sample> MergeAsync(IReadOnlyList<IAsyncEnumerable<Sample>> streams, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var readers = streams.Select(s => s.GetAsyncEnumerator(cancellationToken)).ToList();
        try
        {
            var heads = new PriorityQueue<int, (string Order, int Stream)>(Comparer<(string Order, int Stream)>.Create(
                (a, b) => string.CompareOrdinal(a.Order, b.Order) is var c && c != 0 ? c : a.Stream.CompareTo(b.Stream)));
            for (var i = 0; i < readers.Count; i++)
            {
                if (await readers[i].MoveNextAsync().ConfigureAwait(false))
                {
                    heads.Enqueue(i, (Key(readers[i].Current), i));
                }
            }

            string? previous = null;
            while (heads.TryDequeue(out var stream, out var key))
            {
                if (previous is not null && string.CompareOrdinal(previous, key.Order) > 0)
                {
                    throw new InvalidDataException($"partition records out of order ({previous} before {key.Order}): a partition folder was changed after it was written");
                }

                previous = key.Order;
                yield return readers[stream].Current;
                if (await readers[stream].MoveNextAsync().ConfigureAwait(false))
                {
                    heads.Enqueue(stream, (Key(readers[stream].Current), stream));
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static string Key(Sample sample)
        => sample.Order ?? throw new InvalidDataException($"record {sample.Id} of a partition has no order key");
}
