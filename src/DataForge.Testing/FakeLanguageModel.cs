using System.Text;
using DataForge.Core.Seams;

namespace DataForge.Testing;

/// <summary>
/// A scripted, deterministic <see cref="ILanguageModel"/> (distilabel's <c>DummyLLM</c>): each
/// generation returns the next queued text, or, when the queue is empty, the text computed by the
/// responder function; scores come from a scorer function or a fixed hash of each word.
/// </summary>
/// <remarks>
/// Queued texts are handed out in call order, so with parallel callers prefer a responder, which
/// depends only on the request. Token counts are whitespace-separated words; a text longer than
/// <see cref="GenerationRequest.MaxTokens"/> words is cut there with finish reason <c>length</c>.
/// Every request is recorded in <see cref="Requests"/>.
/// </remarks>
public sealed class FakeLanguageModel : ILanguageModel
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _queue = new();
    private readonly List<GenerationRequest> _requests = [];
    private readonly List<ScoreRequest> _scoreRequests = [];
    private readonly Func<GenerationRequest, string>? _responder;
    private readonly Func<ScoreRequest, IReadOnlyList<double>>? _scorer;

    /// <summary>Creates a model that answers only from its queue (see <see cref="Enqueue"/>).</summary>
    /// <param name="identity">The model identity reported in provenance.</param>
    public FakeLanguageModel(string identity = "fake-lm@0")
        : this(null, null, identity)
    {
    }

    /// <summary>Creates a model whose answers are computed (once the queue is empty).</summary>
    /// <param name="responder">The text for a request; must depend on the request only.</param>
    /// <param name="scorer">Per-token log-probabilities for a score request; null: a fixed hash of each word.</param>
    /// <param name="identity">The model identity reported in provenance.</param>
    public FakeLanguageModel(Func<GenerationRequest, string>? responder, Func<ScoreRequest, IReadOnlyList<double>>? scorer = null, string identity = "fake-lm@0")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identity);
        _responder = responder;
        _scorer = scorer;
        Identity = identity;
    }

    /// <inheritdoc/>
    public string Identity { get; }

    /// <summary>Generation requests received so far, in call order.</summary>
    public IReadOnlyList<GenerationRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Score requests received so far, in call order.</summary>
    public IReadOnlyList<ScoreRequest> ScoreRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _scoreRequests];
            }
        }
    }

    /// <summary>Queues texts returned by the next generations, in order; returns this model.</summary>
    public FakeLanguageModel Enqueue(params string[] texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        lock (_gate)
        {
            foreach (var text in texts)
            {
                _queue.Enqueue(text);
            }
        }

        return this;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        cancellationToken.ThrowIfCancellationRequested();
        var results = new List<GenerationResult>(requests.Count);
        lock (_gate)
        {
            foreach (var request in requests)
            {
                _requests.Add(request);
                results.Add(Finish(request, NextText(request)));
            }
        }

        return Task.FromResult<IReadOnlyList<GenerationResult>>(results);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ScoreResult>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _scoreRequests.AddRange(requests);
        }

        IReadOnlyList<ScoreResult> scores = [.. requests.Select(r => ToResult(r.Continuation, _scorer is null ? HashScores(r) : _scorer(r)) with { ContextTokens = Words(r.Context).Length })];
        return Task.FromResult(scores);
    }

    /// <summary>The words a fake token count sees.</summary>
    public static string[] Words(string? text) => text?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) ?? [];

    private string NextText(GenerationRequest request)
    {
        if (_queue.TryDequeue(out var text))
        {
            return text;
        }

        return _responder?.Invoke(request)
            ?? throw new InvalidOperationException($"{nameof(FakeLanguageModel)} has no queued text left and no responder.");
    }

    private static GenerationResult Finish(GenerationRequest request, string text)
    {
        var prompt = request.Prompt ?? string.Join("\n", request.Messages?.Select(m => m.Content) ?? []);
        var words = Words(text);
        return words.Length > request.MaxTokens
            ? new GenerationResult(string.Join(' ', words.Take(request.MaxTokens)), "length", Words(prompt).Length, request.MaxTokens)
            : new GenerationResult(text, "stop", Words(prompt).Length, words.Length);
    }

    // Tokens are the continuation's words, in order; a scorer returning fewer values scores the first ones.
    private static ScoreResult ToResult(string continuation, IReadOnlyList<double> logProbs)
    {
        var tokens = new List<ScoredToken>(logProbs.Count);
        var offset = 0;
        foreach (var word in Words(continuation))
        {
            if (tokens.Count == logProbs.Count)
            {
                break;
            }

            offset = continuation.IndexOf(word, offset, StringComparison.Ordinal);
            tokens.Add(new ScoredToken(word, offset, logProbs[tokens.Count]));
            offset += word.Length;
        }

        return new ScoreResult(tokens);
    }

    // One log-probability per word in (-2, -0.01], fixed by the word and the context (FNV-1a).
    private static IReadOnlyList<double> HashScores(ScoreRequest request)
        => [.. Words(request.Continuation).Select(w => -(0.01 + (Fnv($"{request.Context}\u001f{w}") % 1990) / 1000.0))];

    private static ulong Fnv(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
