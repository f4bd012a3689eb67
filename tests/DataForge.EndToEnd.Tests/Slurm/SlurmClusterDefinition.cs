using Xunit;

namespace DataForge.EndToEnd.Tests.Slurm;

/// <summary>The tests that share one running <see cref="SlurmCluster"/> (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SlurmClusterDefinition : ICollectionFixture<SlurmCluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Slurm cluster";
}
