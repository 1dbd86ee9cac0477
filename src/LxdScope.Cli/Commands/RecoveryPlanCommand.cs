using System.CommandLine;

namespace LxdScope.Cli.Commands;

/// <summary><c>lxdscope forensics recovery-plan</c>.</summary>
internal static class RecoveryPlanCommand
{
    public static Command Create() => new("recovery-plan", "Name the member to recover quorum from.");
}
