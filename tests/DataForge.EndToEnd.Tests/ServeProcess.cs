using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DataForge.Testing;

namespace DataForge.EndToEnd.Tests;

/// <summary>A running <c>dataforge serve</c> child process on a free port; killed when disposed if still running.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Task<string> _stderr;

    private ServeProcess(Process process, Uri baseUrl)
    {
        Process = process;
        BaseUrl = baseUrl;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public Process Process { get; }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Everything the server wrote to stderr; complete once it has exited.</summary>
    public Task<string> Stderr => _stderr;

    /// <summary>Starts <c>dataforge serve MODEL_DIR --port PORT</c> (0: a free one) and waits (generously) for its address.</summary>
    public static async Task<ServeProcess> StartAsync(string modelFolder, int port = 0)
    {
        var process = Process.Start(CliRunner.StartInfo(CliRunner.RepoRoot, "serve", modelFolder, "--port", port.ToString(CultureInfo.InvariantCulture)))!;
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (first is null || !first.StartsWith("listening on ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"serve did not start: '{first}'; stderr: {await process.StandardError.ReadToEndAsync()}");
        }

        return new ServeProcess(process, new Uri(first["listening on ".Length..] + "/"));
    }

    /// <summary>
    /// A copy of the committed tiny model that claims a context of about a million tokens and has no
    /// end-of-sequence token and no chat template (so no stop token): a raw-prompt generation of a
    /// million tokens runs for hours.
    /// </summary>
    public static string LongContextCopy(TempFolder folder)
    {
        var target = folder.Combine("tiny-long");
        TempFolder.CopyModel("tiny", target);

        Edit(Path.Combine(target, "config.json"), config =>
        {
            config["max_position_embeddings"] = 1 << 20;
            config.Remove("eos_token_id");
        });
        Edit(Path.Combine(target, "tokenizer_config.json"), config =>
        {
            config["eos_token"] = null;
            config.Remove("chat_template");
        });
        return target;
    }

    private static void Edit(string jsonFile, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(jsonFile))!.AsObject();
        edit(json);
        File.WriteAllText(jsonFile, json.ToJsonString());
    }

    /// <summary>Sends SIGTERM, as a service manager stops a server.</summary>
    public void Terminate()
        => Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }
}
