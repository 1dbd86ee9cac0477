using System.Reflection;
using LxdScope.Agent;
using LxdScope.Collector;
using LxdScope.Deploy.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace LxdScope.Deploy.Tests;

/// <summary>
/// deploy/config: the example configurations load through the same configuration readers and
/// validation as the agent and the collector, give exactly the built-in defaults, and document
/// every key the code reads.
/// </summary>
public sealed class ConfigExamplesTests
{
    [Fact]
    public void The_agent_example_loads_and_its_values_are_the_defaults()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("token"), "example-token\n");
        var example = AgentOptions.From(Load(Repository.File("deploy", "config", "agent.json"), ("Agent:TokenFile", dir.File("token"))), requireCollector: true);
        var defaults = AgentOptions.From(Memory(("Agent:Cluster", "prod"), ("Agent:Collector", "https://collector.example:9470"), ("Agent:Token", "example-token")), requireCollector: true);

        Assert.Equal("prod", example.Cluster);
        Assert.Equal([new Uri("https://collector.example:9470")], example.CollectorUrls);
        Assert.Equal(defaults.FailbackAfter, example.FailbackAfter);
        Assert.Equal("example-token", example.Token);
        Assert.Equal(defaults.AgentId, example.AgentId);
        Assert.Equal(defaults.Interval, example.Interval);
        Assert.Equal(defaults.LxdDir, example.LxdDir);
        Assert.Equal(defaults.SpoolDirectory, example.SpoolDirectory);
        Assert.Equal(defaults.SpoolMaxReports, example.SpoolMaxReports);
        Assert.Equal(defaults.SpoolMaxBytes, example.SpoolMaxBytes);
        Assert.Equal(defaults.SourceTimeout, example.SourceTimeout);
        Assert.Equal(defaults.ProbeTimeout, example.ProbeTimeout);
        Assert.Equal(defaults.ContentInterval, example.ContentInterval);
        Assert.Equal(defaults.MaxLxdRequestsPerCycle, example.MaxLxdRequestsPerCycle);
        Assert.Equal(defaults.MaxLxdResponseBytesPerCycle, example.MaxLxdResponseBytesPerCycle);
        Assert.Equal(defaults.MaxLxdMetricsBytes, example.MaxLxdMetricsBytes);
        Assert.Empty(example.Disabled);
        Assert.Equal(defaults.Fan, example.Fan);
    }

    [Fact]
    public void The_agent_example_documents_every_key_the_agent_reads_and_every_collector()
    {
        var text = Repository.Read("deploy", "config", "agent.json");
        var keys = SectionKeys(typeof(AgentSection)).Distinct().ToList();

        Assert.Contains("Interval", keys);
        Assert.Contains("Collectors", keys);
        Assert.All(keys, k => Assert.Contains($"\"{k}\"", text, StringComparison.Ordinal));
        Assert.All(AgentOptions.SourceNames, c => Assert.Contains($"\"{c}\": {{ \"Enabled\": true }}", text, StringComparison.Ordinal));
    }

    [Fact]
    public void The_collector_example_binds_validates_and_its_values_are_the_defaults()
    {
        var options = new CollectorOptions();
        Load(Repository.File("deploy", "config", "collector.json")).GetSection(CollectorOptions.Section).Bind(options);
        var defaults = new CollectorOptions();

        Assert.True(new CollectorOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(defaults.DatabasePath, options.DatabasePath);
        Assert.Equal(defaults.MaxReportBytes, options.MaxReportBytes);
        Assert.Equal(defaults.MaxDecompressedBytes, options.MaxDecompressedBytes);
        Assert.Equal(defaults.MaxClockSkew, options.MaxClockSkew);
        Assert.Equal(defaults.Retention, options.Retention);
        var token = Assert.Single(options.Tokens);
        Assert.Equal("prod", token.Cluster);
        Assert.Equal(defaults.Console.QueryTimeout, options.Console.QueryTimeout);
        Assert.Equal(defaults.Console.MaxRows, options.Console.MaxRows);
        Assert.Equal(defaults.Console.MaxResultBytes, options.Console.MaxResultBytes);
        Assert.Equal(defaults.Console.MaxConcurrentQueries, options.Console.MaxConcurrentQueries);
        Assert.Equal(defaults.Console.MaxQueryLength, options.Console.MaxQueryLength);
        Assert.Equal(defaults.Console.StaleAfter, options.Console.StaleAfter);
        var ops = Assert.Single(options.Console.Tokens);
        Assert.Equal(("ops", true), (ops.Name, ops.Admin));
        // The kit's example has viewers on (a single host's default is off): Prometheus is one.
        Assert.Empty(defaults.Viewers.Tokens);
        Assert.Equal("prometheus", Assert.Single(options.Viewers.Tokens).Name);
        // And it serves each cluster as a target of its own, as the kit's Prometheus scrapes it.
        Assert.True(defaults.Metrics.IncludeClusters);
        Assert.False(options.Metrics.IncludeClusters);
        Assert.Equal((defaults.RateLimits.Metrics.Burst, defaults.RateLimits.Metrics.PerSecond), (options.RateLimits.Metrics.Burst, options.RateLimits.Metrics.PerSecond));
    }

    [Fact]
    public void The_collector_example_documents_every_option()
    {
        var text = Repository.Read("deploy", "config", "collector.json");
        // Every settable or nested option, however deep (Console:Tokens:Name).
        var names = Names(typeof(CollectorOptions)).ToList();

        Assert.Contains("Retention", names);
        Assert.Contains("StaleAfter", names);
        Assert.All(names, n => Assert.Contains($"\"{n}\"", text, StringComparison.Ordinal));
        Assert.Contains("\"Urls\"", text, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Names(Type type)
    {
        foreach (var p in type.GetProperties())
        {
            yield return p.Name;
            var element = p.PropertyType.IsGenericType ? p.PropertyType.GetGenericArguments()[0] : p.PropertyType;
            // The options live beside their features (LxdScope.Collector.Auth, .Sql, …).
            if (element.Namespace?.StartsWith(typeof(CollectorOptions).Namespace!, StringComparison.Ordinal) == true)
            {
                foreach (var inner in Names(element))
                {
                    yield return inner;
                }
            }
        }
    }

    internal static IConfiguration Load(string file, params (string Key, string Value)[] overrides) =>
        new ConfigurationBuilder()
            .AddJsonFile(file, optional: false)
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();

    private static IConfiguration Memory(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value))).Build();

    // Every key the agent binds: the properties of its section and of the sections within it.
    private static IEnumerable<string> SectionKeys(Type section) =>
        section.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).SelectMany(p =>
            p.PropertyType.Namespace?.StartsWith("LxdScope", StringComparison.Ordinal) == true
                ? SectionKeys(p.PropertyType).Prepend(p.Name)
                : [p.Name]);
}
