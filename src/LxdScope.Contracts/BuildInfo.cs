using System.Reflection;

namespace LxdScope.Contracts;

/// <summary>
/// The version this build carries, as set once in Directory.Build.props: what
/// <c>lxdscope --version</c> prints, what agents put in their reports and what the collector
/// exposes as <c>lxdscope_build_info</c>. Every assembly of one build carries the same value.
/// </summary>
public static class BuildInfo
{
    public static string Version { get; } =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
