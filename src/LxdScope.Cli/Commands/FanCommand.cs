using System.CommandLine;

namespace LxdScope.Cli.Commands;

/// <summary><c>lxdscope fan …</c>: the fan (VXLAN overlay) diagnostics.</summary>
internal static class FanCommand
{
    public static Command Create() => new("fan", "Fan network diagnostics: why can container A not ping container B on another host.")
    {
        FanAnalyzeCommand.Create(),
        FanCaptureCommand.Create(),
        FanDoctorCommand.Create(),
    };
}
