using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using DataForge.Core.Records;
using DataForge.Core.Seams;

namespace DataForge.Scoring.Less;

/// <summary>
/// The candidate pool of a LESS selection as one pass over the input saw it: which records can be
/// candidates (an instruction and an output) and a digest of them for the datastore key. Records
/// themselves are read again from the re-readable input whenever they are needed, never held.
/// </summary>
internal sealed class LessPool
{
    private readonly ITrainableModelSource _source;
    private readonly string?[] _problems;

    private LessPool(ITrainableModelSource source, string?[] problems, string digest)
    {
        _source = source;
        _problems = problems;
        Digest = digest;
        Count = problems.Count(p => p is null);
    }

    /// <summary>Candidates (records without a problem).</summary>
    public int Count { get; }

    /// <summary>Hash of every candidate's id and rendered example, in order.</summary>
    public string Digest { get; }

    /// <summary>The error reason of each input record that cannot be a candidate (null for candidates).</summary>
    public IReadOnlyList<string?> Problems => _problems;

    /// <summary>Reads the input once.</summary>
    public static async Task<LessPool> ScanAsync(Func<IAsyncEnumerable<Sample>> input, ITrainableModelSource source, CancellationToken cancellationToken)
    {
        var problems = new List<string?>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await foreach (var sample in input().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var problem = ProblemOf(sample);
            problems.Add(problem);
            if (problem is null)
            {
                var example = Render(source, sample);
                hash.AppendData(Encoding.UTF8.GetBytes($"{sample.Id}\u001f{example.Prompt.Length}:{example.Prompt}\u001f{example.Response.Length}:{example.Response}\n"));
            }
        }

        return new LessPool(source, [.. problems], Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The rendered examples of the candidates, in input order.</summary>
    public async IAsyncEnumerable<TrainingExample> CandidatesAsync(Func<IAsyncEnumerable<Sample>> input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = 0;
        await foreach (var sample in input().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (_problems[index++] is null)
            {
                yield return Render(_source, sample);
            }
        }
    }

    /// <summary>The rendered examples of the candidates whose (0-based candidate) index is in <paramref name="chosen"/>, in input order.</summary>
    public async Task<List<TrainingExample>> PickAsync(Func<IAsyncEnumerable<Sample>> input, IReadOnlySet<int> chosen, CancellationToken cancellationToken)
    {
        var picked = new List<TrainingExample>(chosen.Count);
        var candidate = 0;
        await foreach (var example in CandidatesAsync(input, cancellationToken).ConfigureAwait(false))
        {
            if (chosen.Contains(candidate++))
            {
                picked.Add(example);
            }
        }

        return picked;
    }

    /// <summary>An instruction and its input as the user turn: the input after a blank line.</summary>
    public static string Prompt(string instruction, string? input) => TaskText.UserTurn(instruction, input);

    private static TrainingExample Render(ITrainableModelSource source, Sample sample) => source.Example(Prompt(sample.Instruction!, sample.Input), TrainingText.Answer(sample)!);

    private static string? ProblemOf(Sample sample)
        => string.IsNullOrWhiteSpace(sample.Instruction) ? "no_instruction" : string.IsNullOrEmpty(TrainingText.Answer(sample)) ? "no_output" : null;
}
