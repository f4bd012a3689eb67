using DataForge.Core.Seams;
using System.Runtime.ExceptionServices;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>
/// Runs a batch concurrently (the endpoints' limits pace it) and returns results in request order.
/// Every request runs to its end, so finished ones are cached; then the most serious failure is
/// thrown: an infrastructure one before a rejection, the earliest request first.
/// </summary>
internal static class Batch
{
    public static async Task<IReadOnlyList<T>> RunAsync<TRequest, T>(IReadOnlyList<TRequest> requests, Func<TRequest, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        var tasks = new Task<T>[requests.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = RunOneAsync(i, requests[i], run, cancellationToken);
        }

        try
        {
            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch when (tasks.Any(t => t.IsFaulted))
        {
            var errors = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
            ExceptionDispatchInfo.Throw(errors.FirstOrDefault(e => e is not ModelRequestRejectedException) ?? errors[0]);
            throw;
        }
    }

    private static async Task<T> RunOneAsync<TRequest, T>(int index, TRequest request, Func<TRequest, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelRequestRejectedException rejected)
        {
            throw rejected.AtIndex(index);
        }
    }
}
