using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataForge.Testing;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// <c>dataforge serve</c> against requests that used to wedge it: prompts and <c>max_tokens</c> beyond the
/// model's context, a client that goes away mid-generation, SIGTERM during a generation; and the
/// weights' identity in <c>/v1/models</c>.
/// </summary>
public sealed class ServeLimitsTests
{
    // Generous: the machine may be busy with other tests. A greedy generation of a million tokens
    // from the long-context copy would take hours, so these bounds still tell a stopped one apart.
    private static readonly TimeSpan Patient = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Serve_PromptOrMaxTokensBeyondTheContext_Answers400ContextLengthExceeded()
    {
        // Arrange: the tiny model's context is 1,024 tokens; 3,000 words are far more, 1,000 fit.
        using var serve = await ServeProcess.StartAsync(Path.Combine("models", "tiny"));
        using var http = new HttpClient { BaseAddress = serve.BaseUrl, Timeout = Patient };
        var longText = string.Concat(Enumerable.Repeat("word ", 3000));

        // Act
        using var longPrompt = await http.PostAsJsonAsync("v1/completions", new { prompt = longText, max_tokens = 1 });
        using var longChat = await http.PostAsJsonAsync("v1/chat/completions", new { messages = new[] { new { role = "user", content = longText } } });
        using var hugeMax = await http.PostAsJsonAsync("v1/chat/completions", new { messages = new[] { new { role = "user", content = "Hi" } }, max_tokens = 1_000_000_000 });
        using var tooMany = await http.PostAsJsonAsync("v1/completions", new { prompt = "Once upon a time", max_tokens = 1_024 });
        using var fits = await http.PostAsJsonAsync("v1/completions", new { prompt = "Once upon a time", max_tokens = 4, temperature = 0 });
        using var nearlyFull = await http.PostAsJsonAsync("v1/completions", new { prompt = string.Concat(Enumerable.Repeat("word ", 1000)), temperature = 0 });

        // Assert
        await AssertContextErrorAsync(longPrompt, "prompt");
        await AssertContextErrorAsync(longChat, "messages");
        await AssertContextErrorAsync(hugeMax, "max_tokens");
        await AssertContextErrorAsync(tooMany, "prompt");
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nearlyFull.StatusCode);
        using var usage = JsonDocument.Parse(await nearlyFull.Content.ReadAsStringAsync());
        var tokens = usage.RootElement.GetProperty("usage");
        Assert.InRange(tokens.GetProperty("prompt_tokens").GetInt32(), 1000, 1023);
        Assert.InRange(tokens.GetProperty("total_tokens").GetInt32(), 1001, 1024); // the default 512 new tokens shrink to the room left
    }

    [Fact]
    public async Task Serve_Models_ReportsTheIdentityOfTheServedWeights()
    {
        // Arrange: the tiny model, and a copy whose config differs (other outputs, so another identity).
        using var folder = new TempFolder();
        var longContext = ServeProcess.LongContextCopy(folder);
        using var tiny = await ServeProcess.StartAsync(Path.Combine("models", "tiny"));
        using var other = await ServeProcess.StartAsync(longContext);
        using var http = new HttpClient { Timeout = Patient };

        // Act
        var tinyIdentity = await IdentityAsync(http, tiny.BaseUrl);
        var otherIdentity = await IdentityAsync(http, other.BaseUrl);

        // Assert
        Assert.Matches("^tiny@[0-9a-f]{16}$", tinyIdentity);
        Assert.Matches("^tiny-long@[0-9a-f]{16}$", otherIdentity);
        Assert.NotEqual(tinyIdentity.Split('@')[1], otherIdentity.Split('@')[1]);
    }

    [Fact]
    public async Task Serve_ClientGoesAwayMidGeneration_TheNextRequestIsAnsweredPromptly()
    {
        // Arrange: a generation that would run for hours, and a short request queued behind it.
        using var folder = new TempFolder();
        using var serve = await ServeProcess.StartAsync(ServeProcess.LongContextCopy(folder));
        using var http = new HttpClient { BaseAddress = serve.BaseUrl, Timeout = Patient };
        using var leaving = new CancellationTokenSource();
        var endless = http.PostAsJsonAsync("v1/completions", new { prompt = "Once upon a time", max_tokens = 1_000_000, temperature = 0 }, leaving.Token);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var shortOne = http.PostAsJsonAsync("v1/completions", new { prompt = "Hello", max_tokens = 4, temperature = 0 });
        await Task.Delay(TimeSpan.FromSeconds(1));

        // Act: the first client goes away.
        await leaving.CancelAsync();
        var clock = Stopwatch.StartNew();
        using var answer = await shortOne.WaitAsync(Prompt);

        // Assert
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(clock.Elapsed < Prompt, $"answered after {clock.Elapsed}");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => endless);
    }

    [Fact]
    public async Task Serve_SigtermDuringALongGeneration_ExitsPromptly()
    {
        // Arrange
        using var folder = new TempFolder();
        using var serve = await ServeProcess.StartAsync(ServeProcess.LongContextCopy(folder));
        using var http = new HttpClient { BaseAddress = serve.BaseUrl, Timeout = Patient };
        var endless = http.PostAsJsonAsync("v1/completions", new { prompt = "Once upon a time", max_tokens = 1_000_000, temperature = 0 });
        await Task.Delay(TimeSpan.FromSeconds(3));

        // Act
        var clock = Stopwatch.StartNew();
        serve.Terminate();
        var exit = serve.Process.WaitForExitAsync();
        var exited = await Task.WhenAny(exit, Task.Delay(Patient)) == exit;
        var took = clock.Elapsed;

        // Assert: well under the 30 s a host waits for running requests by default.
        Assert.True(exited, "serve did not exit after SIGTERM");
        Assert.True(took < TimeSpan.FromSeconds(20), $"serve took {took} to exit after SIGTERM");
        Assert.Equal(143, serve.Process.ExitCode);
        try
        {
            using var response = await endless.WaitAsync(Patient);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // The connection closed with the process: the client retries, as it should.
        }
    }

    private static async Task<string> IdentityAsync(HttpClient http, Uri baseUrl)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(baseUrl, "v1/models")));
        return doc.RootElement.GetProperty("data")[0].GetProperty("dataforge_identity").GetString()!;
    }

    private static async Task AssertContextErrorAsync(HttpResponseMessage response, string param)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"HTTP {(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Contains("1024", error.GetProperty("message").GetString()!.Replace(",", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
