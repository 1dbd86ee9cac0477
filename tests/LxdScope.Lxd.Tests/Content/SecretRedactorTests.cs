using LxdScope.Lxd.Content;

namespace LxdScope.Lxd.Tests.Content;

public sealed class SecretRedactorTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly SecretRedactor redactor = new(Key, RedactionRule.Defaults);

    private static TableSnapshot KeyValue(string table, params (string Key, object? Value)[] rows)
    {
        string[] columns = ["id", "instance_id", "key", "value"];
        var data = rows.Select((r, i) => new object?[] { (long)i + 1, 1L, r.Key, r.Value }).ToList();
        var sql = $"CREATE TABLE {table} (id INTEGER PRIMARY KEY, instance_id INTEGER, key TEXT, value TEXT)";
        return new TableSnapshot(table, sql, columns, data, ContentHash.Table(sql, columns, data));
    }

    private static string Text(TableSnapshot t) => string.Join("|", t.Rows.SelectMany(r => r).Select(v => v?.ToString()));

    [Theory]
    [InlineData("instances_config", "environment.DB_PASSWORD")]
    [InlineData("instances_config", "user.user-data")]
    [InlineData("instances_snapshots_config", "cloud-init.user-data")]
    [InlineData("profiles_config", "environment.API_KEY")]
    [InlineData("profiles_config", "cloud-init.vendor-data")]
    [InlineData("config", "core.trust_password")]
    [InlineData("config", "loki.auth.password")]
    [InlineData("config", "oidc.client.secret")]
    [InlineData("config", "rbac.agent.private_key")]
    [InlineData("config", "maas.api.key")]
    [InlineData("config", "network.ovn.client_key")]
    [InlineData("config", "openfga.api.token")]
    [InlineData("networks_config", "bgp.peers.upstream.password")]
    [InlineData("storage_pools_config", "powerflex.user.password")]
    [InlineData("storage_pools_config", "pure.api.token")]
    public void A_secret_key_leaves_as_a_marker(string table, string key)
    {
        var snapshot = DatabaseSnapshot.Create([KeyValue(table, (key, "s3cr3t-value"), ("limits.cpu", "2"))], []);

        var redacted = redactor.Apply(snapshot);

        var text = Text(redacted.Tables[0]);
        Assert.DoesNotContain("s3cr3t-value", text, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.MarkerPrefix, text, StringComparison.Ordinal);
        Assert.Contains("limits.cpu|2", text, StringComparison.Ordinal);
        Assert.Contains(key, text, StringComparison.Ordinal); // the key stays: which secret, not what
    }

    [Theory]
    [InlineData("instances_config", "limits.memory")]
    [InlineData("instances_config", "user.comment")]
    [InlineData("config", "core.https_address")]
    [InlineData("config", "cluster.offline_threshold")]
    [InlineData("networks_config", "ipv4.address")]
    public void Other_keys_are_left_as_they_are(string table, string key)
    {
        var snapshot = DatabaseSnapshot.Create([KeyValue(table, (key, "plain"))], []);

        Assert.Same(snapshot, redactor.Apply(snapshot));
    }

    [Fact]
    public void Hashes_and_digest_are_those_of_what_is_sent_and_follow_a_change_of_the_secret()
    {
        var a = redactor.Apply(DatabaseSnapshot.Create([KeyValue("instances_config", ("environment.X", "one"))], []));
        var again = redactor.Apply(DatabaseSnapshot.Create([KeyValue("instances_config", ("environment.X", "one"))], []));
        var b = redactor.Apply(DatabaseSnapshot.Create([KeyValue("instances_config", ("environment.X", "two"))], []));

        var t = a.Tables[0];
        Assert.Equal(ContentHash.Table(t.Sql, t.Columns, t.Rows), t.Hash);
        Assert.Equal(a.Digest, again.Digest);
        Assert.NotEqual(a.Digest, b.Digest);
        Assert.NotEqual(Text(a.Tables[0]), Text(b.Tables[0]));
    }

    [Fact]
    public void The_marker_depends_on_the_key_so_a_guess_cannot_be_checked_without_it()
    {
        var other = new SecretRedactor(Enumerable.Repeat((byte)7, 32).ToArray(), RedactionRule.Defaults);

        Assert.NotEqual(redactor.Marker("hunter2"), other.Marker("hunter2"));
        Assert.Equal(redactor.Marker("hunter2"), redactor.Marker("hunter2"));
        Assert.Matches("^lxdscope-redacted:[0-9a-f]{16}$", redactor.Marker("hunter2"));
    }

    [Fact]
    public void Whole_columns_are_redacted_by_column_rules()
    {
        string[] columns = ["id", "storage_bucket_id", "name", "description", "access_key", "secret_key", "role"];
        var rows = new List<object?[]> { new object?[] { 1L, 1L, "k", "", "AKIA", "very-secret", "admin" } };
        var sql = "CREATE TABLE storage_buckets_keys (...)";
        var snapshot = DatabaseSnapshot.Create([new TableSnapshot("storage_buckets_keys", sql, columns, rows, ContentHash.Table(sql, columns, rows))], []);

        var text = Text(redactor.Apply(snapshot).Tables[0]);

        Assert.DoesNotContain("very-secret", text, StringComparison.Ordinal);
        Assert.Contains("AKIA", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Blobs_and_numbers_are_redacted_too_and_nulls_stay_null()
    {
        var snapshot = DatabaseSnapshot.Create([KeyValue("instances_config", ("environment.A", new byte[] { 1, 2 }), ("environment.B", 42L), ("environment.C", null))], []);

        var rows = redactor.Apply(snapshot).Tables[0].Rows;

        Assert.StartsWith(SecretRedactor.MarkerPrefix, (string)rows[0][3]!, StringComparison.Ordinal);
        Assert.StartsWith(SecretRedactor.MarkerPrefix, (string)rows[1][3]!, StringComparison.Ordinal);
        Assert.Null(rows[2][3]);
    }

    [Fact]
    public void An_operators_rule_extends_the_list()
    {
        var extended = new SecretRedactor(Key, [.. RedactionRule.Defaults, RedactionRule.Parse("instances_config:user.licence-*")]);
        var snapshot = DatabaseSnapshot.Create([KeyValue("instances_config", ("user.licence-key", "ABCD-1234"))], []);

        Assert.Same(snapshot, redactor.Apply(snapshot));
        Assert.DoesNotContain("ABCD-1234", Text(extended.Apply(snapshot).Tables[0]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("instances_config:environment.*", "instances_config", "environment.*", null)]
    [InlineData(" secrets.value ", "secrets", null, "value")]
    [InlineData("*:*password*", "*", "*password*", null)]
    public void Rules_parse_from_configuration_text(string text, string table, string? key, string? column) =>
        Assert.Equal(new RedactionRule(table, key, column), RedactionRule.Parse(text));

    [Theory]
    [InlineData("instances_config")]
    [InlineData("instances_config:")]
    [InlineData(":key")]
    [InlineData("table.col*")]
    public void A_malformed_rule_is_refused_with_the_forms_named(string text)
    {
        var e = Assert.Throws<FormatException>(() => RedactionRule.Parse(text));

        Assert.Contains("TABLE:KEY", e.Message, StringComparison.Ordinal);
    }
}
