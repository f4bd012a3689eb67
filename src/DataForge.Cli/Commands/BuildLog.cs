using System.Globalization;

namespace DataForge.Cli.Commands;

/// <summary>Build log lines on stderr: plain and stamped with the UTC time when stderr is not a terminal (cron mail, journald, log files).</summary>
internal static class BuildLog
{
    public static void Write(string line)
        => Console.Error.WriteLine(Console.IsErrorRedirected
            ? $"{DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} build: {line}"
            : $"build: {line}");
}
