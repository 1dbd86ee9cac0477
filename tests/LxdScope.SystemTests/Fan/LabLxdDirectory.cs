using System.Globalization;

namespace LxdScope.SystemTests.Fan;

/// <summary>
/// The LXD directory of a fan lab host as its agent finds it with LXD down (no fan network can run on
/// this kernel): database/local.db from LXD's own DDL (schema 42), whose raft_nodes name the lab's
/// three hosts node1-3 at 192.168.0.X:8443 and whose cluster.https_address is host X's.
/// </summary>
internal static class LabLxdDirectory
{
    public static string Write(string dir, int host) =>
        LxdDatabases.WriteLocal(dir, string.Create(CultureInfo.InvariantCulture, $"192.168.0.{host}:8443"), "192.168.0.1:8443", "192.168.0.2:8443", "192.168.0.3:8443");
}
