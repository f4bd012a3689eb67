using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Steps;
using DataForge.Generation.Similarity;

namespace DataForge.Generation.Novelty;

/// <summary>
/// Drops a record whose Rouge-L F against any record accepted before it exceeds the threshold
/// (the Self-Instruct / Ensemble-Instruct novelty rule). Streams: each record is compared with
/// every record accepted so far; seeds are simply the first records to flow in.
/// </summary>
/// <remarks>
/// Input fields: instruction (and input with <c>field = "instruction+input"</c>).
/// Output fields: <c>meta.rouge_l_max</c> (the max F, round-trip invariant format; 0 when no accepted
/// record shares a token) and <c>meta.rouge_l_nearest</c> (JSON array of up to <c>nearest</c>
/// <c>{"id", "f"}</c> objects: the accepted records with the highest F &gt; 0, F descending, then id),
/// on kept and dropped records alike.
/// Drop reasons: <c>near_duplicate</c> (max F &gt; threshold).
/// Options: see <see cref="NoveltyFilterOptions"/>.
/// Decisions and lists equal the plain pairwise definition (<see cref="NaivePairwise"/>); the speed
/// comes from exact pruning, a bit-parallel LCS and all cores (see <see cref="NoveltyIndex"/>).
/// References: docs/algorithms.md#rouge-l-novelty-filter; rouge_score's <c>rougeL</c>, without stemmer
/// unless <c>stem</c> is set (then with nltk's Porter stemmer, as <c>use_stemmer=True</c>).
/// </remarks>
public sealed class NoveltyFilter : MapStep
{
    private readonly NoveltyFilterOptions _options;
    private readonly TokenVocabulary _vocabulary = new();
    private readonly NoveltyIndex _index;

    /// <summary>Creates the filter.</summary>
    public NoveltyFilter(NoveltyFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionSchema.Validate(options);
        _options = options;
        _index = new NoveltyIndex(options.Nearest);
        Contract = new StepContract(
            options.Field == NoveltyFilterOptions.InstructionField ? ["instruction"] : ["instruction", "input"],
            ["meta"],
            ["near_duplicate"]);
    }

    /// <summary>The <c>novelty-filter</c> step type (its contract reads input only with <c>field = "instruction+input"</c>).</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<NoveltyFilter, NoveltyFilterOptions>(
        "novelty-filter",
        "Drops records whose Rouge-L F against any earlier accepted record exceeds the threshold (streaming, exact).",
        new(["instruction", "input"], ["meta"], ["near_duplicate"]),
        (options, _) => new NoveltyFilter(options));

    /// <inheritdoc/>
    public override StepContract Contract { get; }

    /// <summary>The accepted set is shared state: records must arrive one at a time, in order.</summary>
    public override int? MaxParallelism => 1;

    /// <inheritdoc/>
    protected override ValueTask<Outcome> MapAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        cancellationToken.ThrowIfCancellationRequested();
        var tokens = _vocabulary.Encode(RougeL.Tokenize(TextOf(sample), _options.Stem));
        var result = _index.Query(tokens);
        var marked = sample
            .WithMeta("rouge_l_max", result.Max)
            .WithMetaJson("rouge_l_nearest", NearestJson(result.Nearest.Take(_options.Nearest)));
        if (result.Max > _options.Threshold)
        {
            return ValueTask.FromResult(Outcome.Drop(marked, "near_duplicate"));
        }

        _index.Add(sample.Id, tokens);
        return ValueTask.FromResult(Outcome.Keep(marked));
    }

    private string TextOf(Sample sample)
        => _options.Field == NoveltyFilterOptions.InstructionAndInputField && !string.IsNullOrEmpty(sample.Input)
            ? $"{sample.Instruction}\n{sample.Input}"
            : sample.Instruction ?? "";

    internal static string NearestJson(IEnumerable<Neighbour> nearest)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var neighbour in nearest)
            {
                writer.WriteStartObject();
                writer.WriteString("id", neighbour.Id);
                writer.WriteNumber("f", neighbour.F);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
