using System.Diagnostics;
using DataForge.Models.Tests.Torch;
using DataForge.Models.Torch;
using DataForge.Serving.Tests.Support;
using DataForge.Testing;
using Xunit;

namespace DataForge.Models.Tests.Serving;

/// <summary>
/// End to end over loopback: the OpenAI client, a fault-injecting proxy, the model server and the
/// embedded TorchSharp model behind it.
/// </summary>
[Collection(TorchTests.Name)]
public sealed class ServedTorchModelTests
{
    // Generous for CPU generation on a busy machine: a fault-free attempt never times out.
    private static readonly TimeSpan Patient = TimeSpan.FromMinutes(2);

    // Served and direct log-probabilities come from the same hidden states through output-head matrix
    // products of different shapes: the server scores the whole prompt (the client sends context and
    // continuation as one echoed prompt), so the head runs on every position; the direct call runs it
    // on the continuation's positions only. BLAS picks kernels, and so summation orders, by shape and
    // by CPU (AVX2 or AVX-512). Each logit is a float32 dot product over H = 192 terms, off the exact
    // value by about √H·u·Σ|hᵢwᵢ| (u = 2⁻²⁴; Σ|hᵢwᵢ| ≤ 30 for this model: ≤ 2.4e-5); a log-prob, a logit
    // minus a log-sum-exp, carries two such errors, and two kernels differ by up to twice that:
    // 4·√H·u·30 ≈ 1e-4. Seen: 9.5e-7 (AVX2), 1.7e-6 (AVX-512); float32 against float64 here, 7.8e-6.
    private const double AcrossKernels = 1e-4;

    [Fact]
    public async Task Served_ChatPromptAndScoring_SameAsDirectModel()
    {
        // Arrange: the server calls its model one request at a time, so the direct calls do too.
        using var model = TorchLanguageModel.Load(ServedWorkload.ModelFolder());
        var direct = await ServedWorkload.RunOneByOneAsync(model);
        await using var rig = await ServerRig.StartAsync(model);

        // Act
        var served = await ServedWorkload.RunAsync(rig.Client(timeout: Patient));

        // Assert
        Assert.All(direct.Generated, g => Assert.True(g.CompletionTokens > 0, $"nothing generated: {g}"));
        Assert.Equal(direct.Generated, served.Generated);
        Assert.All(direct.Scored, (s, i) => Assert.Equal(ServedWorkload.Scores[i].Continuation, s.UnscoredPrefix + string.Concat(s.Tokens.Select(t => t.Text))));
        ServedWorkload.AssertSameScores(direct.Scored, served.Scored, AcrossKernels);
        Assert.Equal(ServedWorkload.Generations.Count + ServedWorkload.Scores.Count, rig.Proxy.Requests);
    }

    [Fact]
    public async Task Served_TransientFaults_SameResultsAsFaultFreeRun()
    {
        // Arrange: after the fault-free run (which also warms everything up), one generation is
        // timed; the faulty client sends one request at a time, each alone at the server, with a
        // timeout far above that generation and far below the stall, which never ends.
        using var model = TorchLanguageModel.Load(ServedWorkload.ModelFolder());
        await using var rig = await ServerRig.StartAsync(model);
        var clean = await ServedWorkload.RunAsync(rig.Client(timeout: Patient));
        var sentClean = rig.Proxy.Requests;
        var clock = Stopwatch.StartNew();
        await model.GenerateAsync([ServedWorkload.Generations[0]], CancellationToken.None);
        var timeout = TimeSpan.FromSeconds(2) + (10 * clock.Elapsed);
        Fault[] faults = [Fault.TooManyRequests("0"), Fault.ServerError, Fault.Stall, Fault.Truncate, Fault.Reset];
        rig.Proxy.Enqueue(faults);

        // Act
        var faulty = await ServedWorkload.RunAsync(rig.Client(concurrency: 1, timeout: timeout));

        // Assert: each fault cost exactly one retry.
        Assert.Equal(clean.Generated, faulty.Generated);
        ServedWorkload.AssertSameScores(clean.Scored, faulty.Scored, 0);
        Assert.Equal((2 * sentClean) + faults.Length, rig.Proxy.Requests);
    }

    [Fact]
    public async Task Served_SecondRunWithSameCache_SendsNoRequestsAndSameResults()
    {
        // Arrange
        using var model = TorchLanguageModel.Load(ServedWorkload.ModelFolder());
        await using var rig = await ServerRig.StartAsync(model);
        var cache = new InMemoryResultCache();
        var first = await ServedWorkload.RunAsync(rig.Client(cache, timeout: Patient));
        var sentFirst = rig.Proxy.Requests;

        // Act
        var second = await ServedWorkload.RunAsync(rig.Client(cache, timeout: Patient));

        // Assert
        Assert.Equal(ServedWorkload.Generations.Count + ServedWorkload.Scores.Count, sentFirst);
        Assert.Equal(sentFirst, rig.Proxy.Requests);
        Assert.Equal(first.Generated, second.Generated);
        ServedWorkload.AssertSameScores(first.Scored, second.Scored, 0);
    }
}
