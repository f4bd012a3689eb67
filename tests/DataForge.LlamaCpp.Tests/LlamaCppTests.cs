using Xunit;

namespace DataForge.LlamaCpp.Tests;

/// <summary>Tests that load models (llama.cpp and libtorch, each using every core) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LlamaCppTests
{
    public const string Name = "llamacpp";
}
