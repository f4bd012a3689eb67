using DataForge.Core.Options;

namespace DataForge.Scoring.Ifd;

/// <summary>How the conditioned and direct answer losses become IFD.</summary>
public enum IfdRatio
{
    /// <summary><c>s(A|Q) / s(A)</c>, a ratio of mean cross-entropies (Cherry_LLM, Evolution-Analysis).</summary>
    Loss,

    /// <summary><c>PPL(A|Q) / PPL(A) = exp(s(A|Q) − s(A))</c> (Superfiltering's <c>ifd_ppl</c>).</summary>
    [OptionName("ppl")]
    Perplexity,
}
