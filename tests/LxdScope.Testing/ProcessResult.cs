namespace LxdScope.Testing;

/// <summary>What a command printed, how it ended and how long it took.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public string Output => Stdout + Stderr;
}
