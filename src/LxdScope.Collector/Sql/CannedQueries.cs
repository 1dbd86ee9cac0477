using LxdScope.Lxd;
using LxdScope.Lxd.Global;

namespace LxdScope.Collector.Sql;

/// <summary>
/// The questions operators ask first, as queries written for the global schema the cluster
/// actually has (instances were "containers" before schema 15; member state was "pending"
/// before 49; warnings exist from 48).
/// </summary>
internal static class CannedQueries
{
    public static IReadOnlyList<CannedQuery> For(int? globalSchemaVersion, LxdProduct product)
    {
        var schema = new GlobalSchema(globalSchemaVersion ?? int.MaxValue, product);
        // Role numbers as the product names them (3 is control-plane on LXD, database-client on Incus).
        var roleNames = string.Join(' ', Enumerable.Range(0, 4).Select(r => $"WHEN {r} THEN '{schema.RoleName(r)}'"));
        var instances = schema.InstancesTable;
        var project = schema.HasProjects ? "projects.name" : "'default'";
        var projectJoin = schema.HasProjects ? $"JOIN projects ON projects.id = {instances}.project_id" : "";
        var list = new List<CannedQuery>
        {
            new(
                "instances-per-member",
                "Instances per member and project",
                "How many containers and VMs each member runs, by project.",
                "global",
                $"""
                SELECT nodes.name AS member, {project} AS project,
                       CASE {instances}.type WHEN 0 THEN 'container' WHEN 1 THEN 'virtual-machine' ELSE {instances}.type END AS type,
                       count(*) AS instances
                FROM {instances} JOIN nodes ON nodes.id = {instances}.node_id {projectJoin}
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                """),
            new(
                "offline-members",
                "Offline members and their instances",
                "Members whose last heartbeat is older than the cluster's offline threshold (LXD's own rule, at the time the content was read), with the instances they hold.",
                "global",
                $"""
                SELECT nodes.name AS member, nodes.address, nodes.heartbeat,
                       round((julianday(snapshot_time()) - julianday(nodes.heartbeat)) * 86400, 1) AS seconds_since_heartbeat,
                       (SELECT count(*) FROM {instances} WHERE {instances}.node_id = nodes.id) AS instances
                FROM nodes
                WHERE (julianday(snapshot_time()) - julianday(nodes.heartbeat)) * 86400
                      >= COALESCE((SELECT CAST(value AS REAL) FROM config WHERE key = 'cluster.offline_threshold'), 20)
                ORDER BY nodes.name
                """),
            new(
                "raft-roles",
                "Raft roles as each member sees them",
                "Every member's local copy of the raft membership (role 0 voter, 1 stand-by, 2 spare): members that disagree stand out.",
                "local",
                "SELECT id, address, role, name FROM raft_nodes ORDER BY id"),
            new(
                "member-roles",
                "Members, addresses and roles",
                "The cluster's members as the global database lists them, with their LXD roles (database roles come from raft: see raft-roles).",
                "global",
                schema.HasNodesRoles
                    ? $"""
                      SELECT nodes.id, nodes.name, nodes.address, group_concat(CASE nodes_roles.role {roleNames} ELSE nodes_roles.role END) AS roles
                      FROM nodes LEFT JOIN nodes_roles ON nodes_roles.node_id = nodes.id
                      GROUP BY nodes.id ORDER BY nodes.id
                      """
                    : "SELECT id, name, address FROM nodes ORDER BY id"),
            new(
                "local-vs-global",
                "Members whose local view differs",
                "Run on every member: the raft_nodes entries of each member's local.db, with how many there are; members whose count or addresses differ from the others hold a different view of the membership.",
                "local",
                "SELECT count(*) AS raft_nodes, group_concat(address, ' ') AS addresses FROM (SELECT address FROM raft_nodes ORDER BY address)"),
        };

        if (schema.HasWarnings)
        {
            list.Add(new(
                "warnings-by-type",
                "Warnings by type",
                "LXD's warnings grouped by type code and status (1 new, 2 acknowledged, 3 resolved), with the members they concern.",
                "global",
                """
                SELECT warnings.type_code, warnings.status, count(*) AS warnings, group_concat(DISTINCT nodes.name) AS members,
                       max(warnings.last_seen_date) AS last_seen
                FROM warnings LEFT JOIN nodes ON nodes.id = warnings.node_id
                GROUP BY 1, 2 ORDER BY 3 DESC
                """));
        }

        return list;
    }
}
