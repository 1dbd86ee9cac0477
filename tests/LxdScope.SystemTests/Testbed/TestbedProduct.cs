namespace LxdScope.SystemTests.Testbed;

/// <summary>What differs between an LXD and an Incus testbed, as the tests see it.</summary>
/// <param name="Name">The testbed script's product and <c>environment.server</c> of <c>GET /1.0</c>.</param>
/// <param name="Client">The command-line client.</param>
/// <param name="DirectoryVariable">The variable that points the client at a member's directory.</param>
/// <param name="SqlCommand">The daemon's own SQL command, before the database and the query.</param>
/// <param name="Network">The first three octets of the members' loopback addresses.</param>
/// <param name="GlobalSchemaVersion">The global database's schema version of the packaged daemon.</param>
/// <param name="RecoverCommand">How the recovery plan tells the operator to recover quorum.</param>
public sealed record TestbedProduct(
    string Name,
    string Client,
    string DirectoryVariable,
    IReadOnlyList<string> SqlCommand,
    string Network,
    int GlobalSchemaVersion,
    string RecoverCommand)
{
    /// <summary>LXD 5.0.2 from Debian 12.</summary>
    public static readonly TestbedProduct Lxd = new("lxd", "lxc", "LXD_DIR", ["lxd", "sql"], "127.0.0", 60, "lxd cluster recover-from-quorum-loss");

    /// <summary>Incus 6.0.4 from bookworm-backports.</summary>
    public static readonly TestbedProduct Incus = new("incus", "incus", "INCUS_DIR", ["incus", "admin", "sql"], "127.0.2", 73, "incus admin cluster recover-from-quorum-loss");
}
