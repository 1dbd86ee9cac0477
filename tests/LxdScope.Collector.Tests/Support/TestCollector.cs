using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LxdScope.Collector.Tests.Support;

/// <summary>
/// The real collector on a test server: its own database (a SQLite file in a temp directory, or
/// a fresh database on the test run's PostgreSQL), a configuration file with two clusters'
/// tokens, a fake clock and a recording sink.
/// </summary>
internal sealed class TestCollector : IAsyncDisposable
{
    public const string Cluster = "alpha";
    public const string Token = "alpha-secret-token";
    public const string OtherCluster = "beta";
    public const string OtherToken = "beta-secret-token";
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory directory = new();

    /// <summary>
    /// Storage used when a test does not choose: LXDSCOPE_TEST_COLLECTOR_STORAGE (sqlite or
    /// postgres), else the project's: the same tests compiled into LxdScope.Collector.Postgres.Tests
    /// run on PostgreSQL.
    /// </summary>
    public static readonly string DefaultStorage = Environment.GetEnvironmentVariable("LXDSCOPE_TEST_COLLECTOR_STORAGE")
#if COLLECTOR_TESTS_ON_POSTGRES
        ?? StorageKinds.Postgres;
#else
        ?? StorageKinds.Sqlite;
#endif

    private TestCollector(string storage, string? sharedDatabase)
    {
        Storage = storage;
        PostgresConnectionString = storage != StorageKinds.Postgres ? null : sharedDatabase ?? PostgresServer.Shared.CreateDatabase("collector");
    }

    /// <summary>sqlite or postgres.</summary>
    public string Storage { get; }

    /// <summary>This collector's own PostgreSQL database, when <see cref="Storage"/> is postgres.</summary>
    public string? PostgresConnectionString { get; }

    public WebApplication App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public RecordingSink Sink { get; } = new();

    public FakeTimeProvider Time { get; } = new(Start);

    public string ConfigPath => directory.File("collector.json");

    public string DatabasePath => directory.File("data/collector.db");

    /// <summary>Rows in the store's per-report log, read past the collector from whichever storage it runs on.</summary>
    public long StoredReportCount()
    {
        using System.Data.Common.DbConnection connection = PostgresConnectionString is not null
            ? new Npgsql.NpgsqlConnection(PostgresConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM reports";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <param name="sharedDatabase">With postgres: the connection string of a database another test collector uses too.</param>
    public static async Task<TestCollector> StartAsync(Action<WebApplicationBuilder>? configure = null, string? extraSettings = null, string? storage = null, string? sharedDatabase = null)
    {
        var collector = new TestCollector(storage ?? DefaultStorage, sharedDatabase);
        collector.WriteConfig(extraSettings, (Cluster, Token), (OtherCluster, OtherToken));
        collector.App = CollectorApp.Create(["--config", collector.ConfigPath], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<IReportSink>(collector.Sink);
            builder.Services.AddSingleton<TimeProvider>(collector.Time);
            configure?.Invoke(builder);
        });
        await collector.App.StartAsync();
        collector.Client = collector.App.GetTestClient();
        return collector;
    }

    public void WriteConfig(string? extraSettings, params (string Cluster, string Token)[] tokens)
    {
        var entries = string.Join(",", tokens.Select(t => $$"""{ "Cluster": "{{t.Cluster}}", "Sha256": "{{Sha256(t.Token)}}" }"""));
        var extra = extraSettings is null ? "" : "," + extraSettings;
        if (PostgresConnectionString is not null)
        {
            extra += $$""", "Storage": "postgres", "Postgres": { "ConnectionString": {{JsonSerializer.Serialize(PostgresConnectionString, TestJson.Default.String)}} }""";
        }

        File.WriteAllText(ConfigPath, $$"""
            { "Collector": { "DatabasePath": {{JsonSerializer.Serialize(DatabasePath, TestJson.Default.String)}}, "Tokens": [ {{entries}} ]{{extra}} } }
            """);
    }

    public static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public Task<HttpResponseMessage> PostAsync(byte[] body, string? token = Token, string? encoding = "gzip")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(Contracts.AgentReport report, string? token = Token) => PostAsync(Reports.Gzip(report), token);

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        directory.Dispose();
    }
}
