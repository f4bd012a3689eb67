namespace DataForge.Cli;

/// <summary>The stop signal received, as its exit code (130 SIGINT, 143 SIGTERM; 0 none), for commands that report how they ended.</summary>
internal static class Signals
{
    private static int _received;

    public static int Received => Volatile.Read(ref _received);

    public static void Receive(int code) => Volatile.Write(ref _received, code);
}
