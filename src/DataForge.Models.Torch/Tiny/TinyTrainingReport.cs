namespace DataForge.Models.Torch.Tiny;

/// <summary>What a tiny-model training produced.</summary>
/// <param name="Parameters">Parameters in the model.</param>
/// <param name="Vocabulary">Tokenizer ids.</param>
/// <param name="Documents">Training documents (validation excluded).</param>
/// <param name="TrainTokens">Tokens in the training stream.</param>
/// <param name="ValidationTokens">Tokens the validation loss is measured on.</param>
/// <param name="UntrainedLoss">Validation loss of the initial weights (nats per token).</param>
/// <param name="ValidationLoss">Validation loss of the saved weights (nats per token).</param>
/// <param name="FinalTrainLoss">Mean training loss over the last 20 steps.</param>
/// <param name="Elapsed">Wall time, tokenizer training included.</param>
public sealed record TinyTrainingReport(
    long Parameters,
    int Vocabulary,
    int Documents,
    long TrainTokens,
    long ValidationTokens,
    double UntrainedLoss,
    double ValidationLoss,
    double FinalTrainLoss,
    TimeSpan Elapsed);
