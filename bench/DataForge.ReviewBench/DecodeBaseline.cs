using DataForge.Review.Index;

namespace DataForge.ReviewBench;

/// <summary>
/// The baseline the review index is measured against: every row group of every shard of a run decoded
/// once, one after the other, with the index's own reader (the columns the index reads), and nothing
/// else done with them.
/// </summary>
internal static class DecodeBaseline
{
    public static async Task<long> RunAsync(string folder)
    {
        long rows = 0;
        long characters = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var groups = await ShardGroups.CountAsync(file, CancellationToken.None);
            for (var group = 0; group < groups; group++)
            {
                foreach (var row in await ShardGroups.ReadIndexedAsync(file, group, CancellationToken.None))
                {
                    rows++;
                    characters += (row.Instruction?.Length ?? 0) + (row.Output?.Length ?? 0);
                }
            }
        }

        Console.WriteLine($"{rows} records decoded ({characters} characters of instruction and output)");
        return rows;
    }
}
