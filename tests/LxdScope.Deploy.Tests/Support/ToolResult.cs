namespace LxdScope.Deploy.Tests.Support;

/// <summary>What a command printed and how it ended.</summary>
internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}
