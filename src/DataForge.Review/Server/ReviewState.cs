using System.Collections.Concurrent;
using System.Security.Cryptography;
using DataForge.Core.Review;
using DataForge.Review.Index;
using DataForge.Review.Verdicts;
using DataForge.Storage.Review;

namespace DataForge.Review.Server;

/// <summary>What the handlers share: the target, the opened indexes (each built on first use), the verdicts store, the CSRF token.</summary>
internal sealed class ReviewState
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ReviewIndex>>> _indexes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _overviews = new(StringComparer.Ordinal);
    private readonly Lock _verdictLock = new();
    private readonly ReviewVerdicts _fileVerdicts;

    public ReviewState(ReviewTarget target, ReviewServerOptions options)
    {
        Target = target;
        Options = options;
        Store = VerdictStore.In(target.IndexDirectory);
        CsrfToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _fileVerdicts = target.VerdictsFile is { } file ? VerdictFile.Read(file) : ReviewVerdicts.Empty;
    }

    public ReviewTarget Target { get; }

    public ReviewServerOptions Options { get; }

    public VerdictStore Store { get; }

    public string CsrfToken { get; }

    /// <summary>The verdicts in force: the store's, over those of the builds folder's file when there is one.</summary>
    public ReviewVerdicts Verdicts()
    {
        var stored = Store.All();
        return _fileVerdicts.IsEmpty ? stored : ReviewVerdicts.From(_fileVerdicts.All.Concat(stored.All));
    }

    /// <summary>The index of <paramref name="run"/>, built on first use.</summary>
    public Task<ReviewIndex> IndexAsync(ReviewRun run)
        => _indexes.GetOrAdd(run.Name, _ => new Lazy<Task<ReviewIndex>>(async () => (await ReviewIndex.OpenAsync(run, Target.IndexDirectory, CancellationToken.None).ConfigureAwait(false)).Index)).Value;

    public string Overview(ReviewIndex index) => _overviews.GetOrAdd(index.Run.Name, _ => Pages.OverviewPage.Body(index));

    /// <summary>Records a verdict and, for a builds folder, rewrites its verdicts file (one writer at a time).</summary>
    public void AddVerdict(ReviewVerdict verdict)
    {
        lock (_verdictLock)
        {
            Store.Add(verdict);
            if (Target.VerdictsFile is { } file)
            {
                Store.WriteMerged(file);
            }
        }
    }
}
