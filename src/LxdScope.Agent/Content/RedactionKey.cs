using System.Security.Cryptography;
using LxdScope.Agent.Push;
using LxdScope.Lxd;

namespace LxdScope.Agent.Content;

/// <summary>
/// The key behind redaction markers. Derived from the cluster's private key (cluster.key, the
/// same file on every member), so every agent of a cluster marks the same secret the same way
/// and a change of the agent the collector reads the global database from does not look like
/// every secret changing. Where cluster.key cannot be read, a random key kept in the agent's
/// state directory. Neither the key nor anything it is derived from leaves the host.
/// </summary>
internal static class RedactionKey
{
    public const string FileName = "redaction.key";

    /// <returns>The key, and where it came from (for the start-up log).</returns>
    public static (byte[] Key, string Source) Load(LxdDirectory lxd, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(lxd);
        var clusterKey = Path.Combine(lxd.Root, "cluster.key");
        try
        {
            var bytes = File.ReadAllBytes(clusterKey);
            if (bytes.Length > 0)
            {
                // Domain-separated: the marker key is not the TLS key, and cannot be turned back into it.
                return (HMACSHA256.HashData("lxdscope content redaction"u8, bytes), clusterKey);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        var path = Path.Combine(stateDirectory, FileName);
        try
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length == 32)
            {
                return (existing, path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        var key = RandomNumberGenerator.GetBytes(32);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(stateDirectory);
        }
        else
        {
            Directory.CreateDirectory(stateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // Written whole or not at all, readable by the agent's user alone.
        DurableFile.Write(path, key);
        return (key, path);
    }
}
