using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace DataForge.LintSeq.Linters;

/// <summary>
/// One <c>lint_worker.py</c> process: a request line in, a response line out, one call at a time.
/// Any fault (timeout, exit, unreadable answer) leaves it unusable; the pool kills and replaces it.
/// </summary>
internal sealed class PythonWorker : IDisposable
{
    private const int StderrTailLines = 20;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _linter;
    private readonly PythonLinterOptions _options;
    private readonly Queue<string> _stderrTail = new();
    private Process? _process;

    /// <summary>Creates an unstarted worker.</summary>
    public PythonWorker(string linter, PythonLinterOptions options)
    {
        _linter = linter;
        _options = options;
    }

    /// <summary>True once the ready line was read and no fault happened since.</summary>
    public bool IsReady { get; private set; }

    /// <summary>Calls answered so far.</summary>
    public int Calls { get; private set; }

    /// <summary>The linter version from the ready line.</summary>
    public string Version { get; private set; } = "";

    /// <summary>The operating-system process id, or -1 before the start (for tests).</summary>
    internal int ProcessId => _process?.Id ?? -1;

    /// <summary>Starts the process and waits for its ready line.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _process = StartProcess();
        var line = await ReadLineAsync(_options.StartTimeout, cancellationToken).ConfigureAwait(false);
        var ready = PythonWorkerProtocol.ParseReady(line, _linter, Describe);
        Version = ready;
        IsReady = true;
    }

    /// <summary>Sends one request line and returns the answer line.</summary>
    public async Task<string> CallAsync(string requestLine, CancellationToken cancellationToken)
    {
        var process = _process ?? throw new InvalidOperationException("The worker was not started.");
        IsReady = false;
        try
        {
            await process.StandardInput.WriteLineAsync(requestLine.AsMemory(), cancellationToken).ConfigureAwait(false);
            await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new LinterFailedException($"The {_linter} worker could not take the request: {Describe()}", ex) { IsWorkerCrash = true };
        }

        var line = await ReadLineAsync(_options.CallTimeout, cancellationToken).ConfigureAwait(false);
        Calls++;
        IsReady = true;
        return line;
    }

    /// <summary>Kills the process (if any) and releases it.</summary>
    public void Dispose()
    {
        IsReady = false;
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (Win32Exception)
        {
            // Not ours to kill any more.
        }

        process.Dispose();
    }

    private Process StartProcess()
    {
        var info = new ProcessStartInfo(_options.PythonPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var argument in new[] { "-I", "-c", PythonWorkerScript.Source, "--linter", _linter })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _options.WorkerEnvironment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return Start(info);
    }

    private Process Start(ProcessStartInfo info)
    {
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) => KeepStderr(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new LinterMissingException(
                $"Python was not found at {_options.PythonPath} ({ex.Message}); {_linter} needs Debian's python3 with the linters: {PythonLinterOptions.InstallCommand}",
                ex);
        }

        process.BeginErrorReadLine();
        return process;
    }

    private async Task<string> ReadLineAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var process = _process ?? throw new InvalidOperationException("The worker was not started.");
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(CancellationToken.None).AsTask()
                .WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new LinterFailedException(
                $"The {_linter} worker did not answer within {timeout.TotalSeconds:0.#} s; it was killed and is replaced.", ex);
        }
        catch (IOException ex)
        {
            throw new LinterFailedException($"Reading from the {_linter} worker failed: {Describe()}", ex) { IsWorkerCrash = true };
        }

        if (line is null)
        {
            await WaitForExitAsync(process).ConfigureAwait(false);
            throw new LinterFailedException($"The {_linter} worker exited: {Describe()}") { IsWorkerCrash = true };
        }

        return line;
    }

    // Lets the exit code and the last stderr lines arrive before they are reported.
    private static async Task WaitForExitAsync(Process process)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Report what is known so far.
        }
    }

    private void KeepStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderrTail)
        {
            _stderrTail.Enqueue(line);
            while (_stderrTail.Count > StderrTailLines)
            {
                _stderrTail.Dequeue();
            }
        }
    }

    private string Describe()
    {
        var exit = _process is { HasExited: true } p ? $"exit code {p.ExitCode}" : "still running";
        string tail;
        lock (_stderrTail)
        {
            tail = string.Join(" | ", _stderrTail);
        }

        return tail.Length == 0 ? exit : $"{exit}; stderr: {tail}";
    }
}
