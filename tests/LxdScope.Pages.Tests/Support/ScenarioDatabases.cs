using LxdScope.Agent.Sources;
using LxdScope.Contracts;
using static LxdScope.Testing.ClusterReports;

namespace LxdScope.Pages.Tests.Support;

/// <summary>
/// The scenario's LXD databases (see <see cref="LxdDatabases"/>), sent in full, so the SQL console
/// has real tables to query: heartbeats as the scenario's healthy members have them.
/// </summary>
internal static class ScenarioDatabases
{
    public static DatabaseContent Global(DateTimeOffset at)
    {
        using var connection = LxdDatabases.Global(
            apiExtensions: 318,
            [at.AddSeconds(-3), at.AddSeconds(-5), at.AddSeconds(-8)],
            """
            INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES
                (1, 1, 'c-node1', 2, 0, '', 1), (2, 1, 'web1', 2, 0, '', 2), (3, 2, 'c-node2', 2, 0, '', 1), (4, 3, 'c-node3', 2, 0, '', 1);
            """);
        return LxdDatabases.Content(connection, new ContentTracker(), at, full: true);
    }

    public static DatabaseContent Local(string member, DateTimeOffset at)
    {
        using var connection = LxdDatabases.Local(Address(member), [.. Names.Select(Address)]);
        return LxdDatabases.Content(connection, new ContentTracker(), at, full: true);
    }
}
