namespace DataForge.Cli;

/// <summary>The exit codes of the contract.</summary>
internal static class ExitCodes
{
    public const int Finished = 0;
    public const int Usage = 1;
    public const int Configuration = 2;
    public const int TooManyErrors = 3;
    public const int Infrastructure = 4;
    public const int Interrupted = 130;
    public const int Terminated = 143;
}
