using LxdScope.Collector.Audit;
using LxdScope.Collector.Auth;
using LxdScope.Collector.Clusters;
using LxdScope.Collector.Discovery;
using LxdScope.Collector.Fan;
using LxdScope.Collector.Metrics;
using LxdScope.Collector.Mirrors;
using LxdScope.Collector.Pages;
using LxdScope.Collector.Partition;
using LxdScope.Collector.Health;
using LxdScope.Collector.Http;
using LxdScope.Collector.Ingest;
using LxdScope.Collector.Sql;
using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using LxdScope.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector;

/// <summary>The collector service: what it is made of, and what it serves.</summary>
public static class CollectorApp
{
    /// <summary>Names the configuration file when <c>--config</c> does not.</summary>
    internal const string ConfigFileVariable = "LXDSCOPE_COLLECTOR_CONFIG";

    /// <summary>Prefix of environment variables that override the file (<c>LXDSCOPE_Collector__DatabasePath</c>).</summary>
    internal const string EnvironmentPrefix = "LXDSCOPE_";

    /// <summary>Builds the collector, ready to <c>Run</c>.</summary>
    /// <param name="args">Command-line configuration: <c>--config FILE</c>, <c>--urls</c>, <c>--Collector:DatabasePath=…</c>.</param>
    /// <param name="configure">
    /// Runs after configuration sources are added and before the collector's services are:
    /// services registered here replace the defaults (tests swap the server, store, sink or clock).
    /// </param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        AddConfiguration(builder.Configuration, args);
        // One line per request is noise at ten agents every ten seconds; warnings and errors stay.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.UseCollectorKestrel();
        configure?.Invoke(builder);
        AddServices(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        app.UseCollectorRateLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMetricsCompression();
        MapAll(app);
        return app;
    }

    /// <summary>Every endpoint the collector serves, one line per feature.</summary>
    internal static void MapAll(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapIngest();
        app.MapHealth();
        app.MapClusters();
        app.MapFan();
        app.MapMetrics();
        app.MapDiscovery();
        app.MapSql();
        app.MapAudit();
        app.MapPages();
    }

    // File first, then LXDSCOPE_ variables, then the command line: the nearer to the operator, the stronger.
    private static void AddConfiguration(ConfigurationManager configuration, string[] args)
    {
        var file = configuration["config"] ?? Environment.GetEnvironmentVariable(ConfigFileVariable);
        if (!string.IsNullOrEmpty(file))
        {
            // reloadOnChange: an edited file rotates agent tokens without a restart.
            configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: true);
        }

        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddCommandLine(args);
    }

    private static void AddServices(IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, CollectorJson.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, ContractJson.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(2, SqlJson.Default);
        });
        services.AddProblemDetails();

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CollectorOptions>().BindConfiguration(CollectorOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CollectorOptions>, CollectorOptionsValidator>());

        services.TryAddSingleton<AgentTokens>();
        services.TryAddSingleton<AgentCertificates>();
        services.TryAddSingleton<AgentCredentials>();
        services.AddCollectorRateLimits();
        services.AddMetricsCompression();
        services.TryAddSingleton<IngestCounters>();
        services.TryAddSingleton<ReportCommitter>();
        services.TryAddSingleton<GlobalContentElection>();
        services.TryAddSingleton<Readers>();
        services.AddReaderAuthorization();
        services.TryAddSingleton<MirrorCache>();
        services.TryAddSingleton<SqlConsole>();
        services.TryAddSingleton<ConsoleQueryCounters>();
        services.TryAddSingleton<ConsoleAudit>();
        services.TryAddSingleton<ReportIngest>();
        services.TryAddSingleton<ICollectorStore>(sp => sp.GetRequiredService<IOptions<CollectorOptions>>().Value.Storage == StorageKinds.Postgres
            ? ActivatorUtilities.CreateInstance<PostgresCollectorStore>(sp)
            : ActivatorUtilities.CreateInstance<SqliteCollectorStore>(sp));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<MetricsExporter>(sp, Prometheus.Metrics.NewCustomRegistry()));
        services.TryAddSingleton<ClusterRegistry>();
        services.AddHostedService<StalenessMonitor>();
        services.TryAddSingleton<IReportSink>(sp => sp.GetRequiredService<ClusterRegistry>());
        services.AddHostedService<StateStartup>();
        // The one choice of path from ingest to state, made here by the store: a store shared by
        // several collectors feeds each of them; any other is applied from ingest directly.
        services.TryAddSingleton<IStateUpdater>(sp => sp.GetRequiredService<ICollectorStore>() is IReportFeed feed
            ? ActivatorUtilities.CreateInstance<FeedStateUpdater>(sp, feed)
            : ActivatorUtilities.CreateInstance<DirectStateUpdater>(sp));
        services.AddHostedService(sp => sp.GetRequiredService<IStateUpdater>());
        // Clusters shared out among collectors (Collector:Postgres:Partition): the leases beside the
        // feed, and reads of another collector's cluster forwarded there.
        services.TryAddSingleton<ClusterOwnership>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ClusterOwnership>().Partitioned
            ? ActivatorUtilities.CreateInstance<LeaseKeeper>(sp, (IClusterLeases)sp.GetRequiredService<ICollectorStore>(), (FeedStateUpdater)sp.GetRequiredService<IStateUpdater>())
            : new NoLeases());
        services.AddHttpForwarder();
        services.TryAddSingleton<OwnerForwarding.OwnerClient>();
    }
}
