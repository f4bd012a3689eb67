using System.Diagnostics;
using DataForge.Storage.Store;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>Watches a running CLI's run store, for tests that kill a run part way.</summary>
internal static class StoreProbe
{
    /// <summary>Waits until the store holds at least <paramref name="minimum"/> finished results; fails if the run ends first.</summary>
    public static async Task WaitForCachedResultsAsync(string store, Process process, long minimum)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, "the run finished before it could be killed; make the input larger");
            if (File.Exists(store))
            {
                await using var peek = RunStore.Open(store);
                if (peek.CountResults() >= minimum)
                {
                    return;
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("no cached results appeared");
    }
}
