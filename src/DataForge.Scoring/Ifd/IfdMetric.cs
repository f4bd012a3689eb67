namespace DataForge.Scoring.Ifd;

/// <summary>Which score <c>score-ifd</c> computes.</summary>
public enum IfdMetric
{
    /// <summary>IFD as Cherry_LLM computes it (docs/algorithms.md#ifd-and-ic-ifd): formatted prompt, <c>max_length</c> truncation, IFD &gt; 1 dropped.</summary>
    Ifd,

    /// <summary>IC-IFD as Evolution-Analysis computes it (docs/algorithms.md#ifd-and-ic-ifd): no template, no truncation, no filter; also writes its IFD.</summary>
    IcIfd,
}
