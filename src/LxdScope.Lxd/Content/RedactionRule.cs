namespace LxdScope.Lxd.Content;

/// <summary>
/// Which values of LXD's databases are secrets. Two forms, as written in configuration:
/// <c>TABLE:KEY</c> — in a key/value table (columns <c>key</c> and <c>value</c>: <c>config</c>,
/// <c>instances_config</c>, <c>networks_config</c>, …) the value of every matching key;
/// <c>TABLE.COLUMN</c> — every value of that column. TABLE and KEY may hold <c>*</c> wildcards.
/// </summary>
public sealed record RedactionRule(string Table, string? Key, string? Column)
{
    /// <summary>
    /// Secret-bearing keys and columns of every LXD and Incus generation LxdScope reads (a rule
    /// for a table a generation does not have matches nothing). The list, with the generations
    /// each entry appears in, is in docs/reliability.md.
    /// </summary>
    public static readonly IReadOnlyList<RedactionRule> Defaults =
    [
        .. new[]
        {
            // Instance and profile configuration: environment variables and cloud-init data
            // routinely carry passwords and keys.
            "*:environment.*", "*:cloud-init.*", "*:user.user-data", "*:user.vendor-data", "*:user.network-config", "*:user.meta-data",
            // Server, network and storage settings: core.trust_password (its hash), loki.auth.password,
            // oidc.client.secret, rbac.agent.private_key, candid/maas/rbac api keys, network.ovn.client_key,
            // openfga.api.token, bgp.peers.*.password, powerflex.user.password, pure.api.token, …
            "*:*password*", "*:*secret*", "*:*private_key*", "*:*client_key*", "*:*token*", "*:*.api.key", "*:*api_key*",
            // Columns that are secrets whole: bucket keys (LXD 5.5+, Incus), secrets (LXD 6.6+), OIDC sessions (LXD 6.6+).
            "storage_buckets_keys.secret_key", "secrets.value", "oidc_sessions.id_token", "oidc_sessions.access_token", "oidc_sessions.refresh_token",
        }.Select(Parse),
    ];

    /// <exception cref="FormatException">Neither TABLE:KEY nor TABLE.COLUMN.</exception>
    public static RedactionRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon < trimmed.Length - 1)
        {
            return new RedactionRule(trimmed[..colon], trimmed[(colon + 1)..], null);
        }

        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        if (colon < 0 && dot > 0 && dot < trimmed.Length - 1 && !trimmed[(dot + 1)..].Contains('*', StringComparison.Ordinal))
        {
            return new RedactionRule(trimmed[..dot], null, trimmed[(dot + 1)..]);
        }

        throw new FormatException($"'{text}' is not a redaction rule: write TABLE:KEY (a key of a key/value table, * allowed) or TABLE.COLUMN (a whole column)");
    }

    public override string ToString() => Key is not null ? $"{Table}:{Key}" : $"{Table}.{Column}";

    internal bool MatchesTable(string table) => Glob(Table, table);

    internal bool MatchesKey(string key) => Key is not null && Glob(Key, key);

    /// <summary>Case-insensitive: LXD's keys are lower case, operators' spellings may not be.</summary>
    private static bool Glob(string pattern, string text) =>
        System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(pattern, text, ignoreCase: true);
}
