using LxdScope.Collector.Auth;
using LxdScope.Collector.Sql;
using LxdScope.Collector.Storage;
using LxdScope.Lxd.Safety;
using LxdScope.Collector.Tests.Support;

namespace LxdScope.Collector.Tests;

public sealed class CollectorOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        var options = new CollectorOptions();

        Assert.True(new CollectorOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal("/var/lib/lxdscope/collector.db", options.DatabasePath);
        Assert.Equal(8 * 1024 * 1024, options.MaxReportBytes);
        Assert.Equal(64 * 1024 * 1024, options.MaxDecompressedBytes);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MaxClockSkew);
        Assert.Equal(TimeSpan.FromDays(7), options.Retention);
    }

    [Theory]
    [InlineData("", "0123", "Tokens:0:Cluster must not be empty")]
    [InlineData("alpha", "0123", "Tokens:0:Sha256 must be 64 hex digits")]
    [InlineData("alpha", "zz5bd1e0e5c0a1a9f6a9e7f4ccb0a3ad1a1aba0b6a7c1d2e3f4a5b6c7d8e9f00", "Tokens:0:Sha256 must be 64 hex digits")]
    [InlineData("alpha", "", "Tokens:0:Sha256 must be 64 hex digits")]
    public void Bad_token_entries_are_refused(string cluster, string sha256, string expected)
    {
        var options = new CollectorOptions();
        options.Tokens.Add(new AgentTokenOptions { Cluster = cluster, Sha256 = sha256 });

        var result = new CollectorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_hash_for_two_clusters_is_refused()
    {
        var options = new CollectorOptions();
        options.Tokens.Add(new AgentTokenOptions { Cluster = "alpha", Sha256 = TestCollector.Sha256("t") });
        options.Tokens.Add(new AgentTokenOptions { Cluster = "beta", Sha256 = TestCollector.Sha256("t").ToUpperInvariant() });

        var result = new CollectorOptionsValidator().Validate(null, options);

        Assert.Contains("Tokens:1:Sha256 repeats", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Viewers_are_off_by_default()
    {
        Assert.Empty(new CollectorOptions().Viewers.Tokens);
    }

    [Theory]
    [InlineData("", "viewer", "Viewers:Tokens:0:Name must not be empty")]
    [InlineData("grafana", null, "Viewers:Tokens:0:Sha256 must be 64 hex digits")]
    [InlineData("grafana", "agent", "Viewers:Tokens:0:Sha256 is also an agent token")]
    [InlineData("grafana", "console", "Viewers:Tokens:0:Sha256 is also a console token")]
    [InlineData("grafana", "first-viewer", "Viewers:Tokens:1:Sha256 repeats an earlier entry")]
    public void Bad_viewer_entries_are_refused_at_start(string name, string? token, string expected)
    {
        var options = new CollectorOptions();
        options.Tokens.Add(new AgentTokenOptions { Cluster = "alpha", Sha256 = TestCollector.Sha256("agent") });
        options.Console.Tokens.Add(new ConsoleTokenOptions { Name = "ops", Sha256 = TestCollector.Sha256("console") });
        if (token == "first-viewer")
        {
            options.Viewers.Tokens.Add(new ViewerTokenOptions { Name = "prometheus", Sha256 = TestCollector.Sha256(token) });
        }

        options.Viewers.Tokens.Add(new ViewerTokenOptions { Name = name, Sha256 = token is null ? "0123" : TestCollector.Sha256(token) });

        var result = new CollectorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCollector.Sha256(token ?? "x"), result.FailureMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_console_token_that_is_an_agent_token_is_refused()
    {
        var options = new CollectorOptions();
        options.Tokens.Add(new AgentTokenOptions { Cluster = "alpha", Sha256 = TestCollector.Sha256("t") });
        options.Console.Tokens.Add(new ConsoleTokenOptions { Name = "ops", Sha256 = TestCollector.Sha256("t"), Admin = true });

        var result = new CollectorOptionsValidator().Validate(null, options);

        Assert.Contains("Console:Tokens:0:Sha256 is also an agent token", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_and_durations_must_be_positive()
    {
        var options = new CollectorOptions
        {
            DatabasePath = " ",
            MaxReportBytes = 0,
            MaxDecompressedBytes = 1L << 40,
            MaxClockSkew = TimeSpan.Zero,
            Retention = TimeSpan.FromDays(-1),
        };

        var failures = new CollectorOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(5, failures.Count);
    }

    [Theory]
    [InlineData("mysql", null, null, "Collector:Storage must be sqlite or postgres")]
    [InlineData("postgres", null, null, "ConnectionString or Collector:Postgres:ConnectionStringFile must be set")]
    [InlineData("postgres", null, "/nonexistent/pg-secret", "cannot be read")]
    [InlineData("postgres", "Host=db;Port=notaport;Password=hunter2", null, "not a valid Npgsql connection string")]
    public void Bad_storage_settings_are_refused_without_echoing_the_secret(string storage, string? connectionString, string? file, string expected)
    {
        var options = new CollectorOptions { Storage = storage };
        options.Postgres.ConnectionString = connectionString;
        options.Postgres.ConnectionStringFile = file;

        var result = new CollectorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_connection_string_may_come_from_a_file()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("pg"), "Host=db.example;Username=lxdscope;Password=x;Database=lxdscope\n");
        var options = new CollectorOptions { Storage = StorageKinds.Postgres, DatabasePath = "" };
        options.Postgres.ConnectionStringFile = directory.File("pg");

        Assert.True(new CollectorOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal("Host=db.example;Username=lxdscope;Password=x;Database=lxdscope", options.Postgres.Resolve());
    }

    [Fact]
    public void A_database_path_inside_an_LXD_directory_is_refused()
    {
        var link = Path.Combine(Path.GetTempPath(), $"lxdscope-db-link-{Guid.NewGuid():N}");
        Directory.CreateSymbolicLink(link, "/var/lib/lxd");
        try
        {
            var options = new CollectorOptions { DatabasePath = link + "/collector.db" };

            var failures = new CollectorOptionsValidator().Validate(null, options).Failures!.ToList();

            var failure = Assert.Single(failures);
            Assert.StartsWith(OutputPathGuard.RefusalStart + "Collector:DatabasePath", failure, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void A_database_path_is_not_checked_for_postgres_storage()
    {
        var options = new CollectorOptions { Storage = StorageKinds.Postgres, DatabasePath = "/var/lib/lxd/collector.db" };
        options.Postgres.ConnectionString = "Host=127.0.0.1;Database=x";

        Assert.DoesNotContain(new CollectorOptionsValidator().Validate(null, options).Failures ?? [], f => f.Contains("DatabasePath", StringComparison.Ordinal));
    }
}
