using LxdScope.Agent;
using LxdScope.Lxd;

namespace LxdScope.Cli.Commands;

internal static class AgentRunner
{
    public static Task<int> RunAsync(AgentOptions options, LxdDirectory dir, CancellationToken ct)
    {
        _ = options;
        _ = dir;
        _ = ct;
        return Task.FromResult(ExitCodes.Failed);
    }
}
