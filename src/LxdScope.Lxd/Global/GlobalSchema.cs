namespace LxdScope.Lxd.Global;

/// <summary>
/// Which columns and tables a global (cluster) database of a given schema version has, and the
/// SELECTs that read it. Version thresholds come from LXD's lxd/db/cluster/update.go; they all
/// predate the LXD/Incus fork at 69, so they hold for both products.
/// </summary>
public sealed record GlobalSchema(int Version, LxdProduct Product)
{
    /// <summary>updateFromV14 renamed containers* to instances* (LXD 3.17).</summary>
    public bool HasInstancesTable => Version >= 15;

    /// <summary>nodes_roles arrived in 18 (LXD 3.18).</summary>
    public bool HasNodesRoles => Version >= 18;

    /// <summary>nodes.arch arrived in 20 (LXD 3.19).</summary>
    public bool HasArch => Version >= 20;

    /// <summary>nodes.failure_domain_id and nodes_failure_domains arrived in 32 (LXD 4.4).</summary>
    public bool HasFailureDomains => Version >= 32;

    /// <summary>updateFromV48 renamed nodes.pending to nodes.state (LXD 4.16).</summary>
    public bool HasNodeState => Version >= 49;

    /// <summary>warnings arrived in 48 (LXD 4.14).</summary>
    public bool HasWarnings => Version >= 48;

    /// <summary>projects arrived in 12 (LXD 3.6).</summary>
    public bool HasProjects => Version >= 12;

    public string InstancesTable => HasInstancesTable ? "instances" : "containers";

    public const string VersionQuery = "SELECT COALESCE(MAX(version), 0) FROM schema";

    /// <summary>
    /// The oldest version the newest query shape fits (nodes.state): every LXD from 4.16 and every
    /// Incus. Older databases refuse that shape and are read again with their own.
    /// </summary>
    public const int NewestShapeVersion = 49;

    /// <summary>
    /// One row per member: the schema version, cluster.offline_threshold (or null), then id, name,
    /// address, schema, api_extensions, heartbeat, state, arch, failure_domain, and the member's
    /// nodes_roles numbers separated by commas (or null), in that order whatever the version.
    /// pending (0/1) maps onto state's 0 (created) / 1 (pending). One query rather than one per
    /// table: each is a round trip through LXD to the database leader.
    /// </summary>
    public string MembersQuery
    {
        get
        {
            var state = HasNodeState ? "nodes.state" : "nodes.pending";
            var arch = HasArch ? "nodes.arch" : "0";
            var domain = HasFailureDomains ? "nodes_failure_domains.name" : "NULL";
            var roles = HasNodesRoles ? "(SELECT group_concat(role) FROM nodes_roles WHERE nodes_roles.node_id = nodes.id)" : "NULL";
            var join = HasFailureDomains
                ? " LEFT JOIN nodes_failure_domains ON nodes_failure_domains.id = nodes.failure_domain_id"
                : "";
            return "SELECT (SELECT COALESCE(MAX(version), 0) FROM schema), "
                + "(SELECT value FROM config WHERE key = 'cluster.offline_threshold'), "
                + "nodes.id, nodes.name, nodes.address, nodes.schema, nodes.api_extensions, nodes.heartbeat, "
                + $"{state}, {arch}, {domain}, {roles} FROM nodes{join} ORDER BY nodes.id";
        }
    }

    /// <summary>node_id, project, type, count. Instances before projects all belong to "default".</summary>
    public string InstanceCountsQuery
    {
        get
        {
            var t = InstancesTable;
            return HasProjects
                ? $"SELECT {t}.node_id, projects.name, {t}.type, COUNT(*) FROM {t} JOIN projects ON projects.id = {t}.project_id GROUP BY {t}.node_id, projects.name, {t}.type ORDER BY 1, 2, 3"
                : $"SELECT {t}.node_id, 'default', {t}.type, COUNT(*) FROM {t} GROUP BY {t}.node_id, {t}.type ORDER BY 1, 3";
        }
    }

    /// <summary>images, storage pools, networks: one row of three counts.</summary>
    public const string InventoryQuery =
        "SELECT (SELECT COUNT(*) FROM images), (SELECT COUNT(*) FROM storage_pools), (SELECT COUNT(*) FROM networks)";

    /// <summary>type_code, status, count of LXD's own warnings; null before 48.</summary>
    public string? WarningsQuery => HasWarnings
        ? "SELECT type_code, status, COUNT(*) FROM warnings GROUP BY type_code, status ORDER BY 1, 2"
        : null;

    /// <summary>The name of an LXD-specific role number in nodes_roles. 3 differs between the products.</summary>
    public string RoleName(long role) => role switch
    {
        0 => "database",
        1 => "event-hub",
        2 => "ovn-chassis",
        3 => Product == LxdProduct.Incus ? "database-client" : "control-plane",
        _ => $"role-{role}",
    };
}
