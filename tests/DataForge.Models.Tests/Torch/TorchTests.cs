using Xunit;

namespace DataForge.Models.Tests.Torch;

/// <summary>Tests that share TorchSharp's process-wide state (threads, seeds) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchTests
{
    public const string Name = "torch";
}
