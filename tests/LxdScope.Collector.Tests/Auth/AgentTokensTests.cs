using System.Net;
using LxdScope.Collector.Auth;
using LxdScope.Collector.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Tests.Auth;

public sealed class AgentTokensTests
{
    [Fact]
    public void Token_resolves_to_its_cluster()
    {
        var tokens = Tokens(("alpha", "a-token"), ("beta", "b-token"), ("alpha", "a-second-token"));

        Assert.Equal("alpha", tokens.ClusterForHeader("Bearer a-token"));
        Assert.Equal("beta", tokens.ClusterForHeader("bearer b-token"));
        Assert.Equal("alpha", tokens.ClusterForHeader("Bearer   a-second-token  "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer unknown")]
    [InlineData("Basic a-token")]
    [InlineData("a-token")]
    [InlineData("Bearer A-TOKEN")]
    public void Missing_or_unknown_token_resolves_to_nothing(string? header)
    {
        Assert.Null(Tokens(("alpha", "a-token")).ClusterForHeader(header));
    }

    [Fact]
    public void Uppercase_hashes_in_the_configuration_match()
    {
        var options = new CollectorOptions();
        options.Tokens.Add(new AgentTokenOptions { Cluster = "alpha", Sha256 = TestCollector.Sha256("a-token").ToUpperInvariant() });

        Assert.Equal("alpha", new AgentTokens(new FixedMonitor(options)).ClusterFor("a-token"));
    }

    [Fact]
    public void Changed_options_rotate_tokens_without_a_new_instance()
    {
        var monitor = new FixedMonitor(Options(("alpha", "old-token")));
        var tokens = new AgentTokens(monitor);
        Assert.Equal("alpha", tokens.ClusterFor("old-token"));

        monitor.CurrentValue = Options(("alpha", "new-token"));

        Assert.Null(tokens.ClusterFor("old-token"));
        Assert.Equal("alpha", tokens.ClusterFor("new-token"));
    }

    [Fact]
    public async Task Edited_configuration_file_rotates_tokens_without_a_restart()
    {
        await using var collector = await TestCollector.StartAsync();
        await Responses.AssertOk(await collector.PostAsync(Reports.Valid(sequence: 1)));

        collector.WriteConfig(null, (TestCollector.Cluster, "rotated-token"));
        // The file watcher would do the same within a moment; reloading now keeps the test exact.
        ((IConfigurationRoot)collector.Service<IConfiguration>()).Reload();

        await Responses.AssertProblem(await collector.PostAsync(Reports.Valid(sequence: 2)), HttpStatusCode.Unauthorized);
        await Responses.AssertOk(await collector.PostAsync(Reports.Valid(sequence: 2), token: "rotated-token"));
    }

    [Fact]
    public async Task Configuration_file_is_watched()
    {
        await using var collector = await TestCollector.StartAsync();

        collector.WriteConfig(null, (TestCollector.Cluster, "watched-token"));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        var tokens = collector.Service<AgentTokens>();
        while (tokens.ClusterFor("watched-token") is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(TestCollector.Cluster, tokens.ClusterFor("watched-token"));
        Assert.Null(tokens.ClusterFor(TestCollector.Token));
    }

    private static AgentTokens Tokens(params (string Cluster, string Token)[] tokens) => new(new FixedMonitor(Options(tokens)));

    private static CollectorOptions Options(params (string Cluster, string Token)[] tokens)
    {
        var options = new CollectorOptions();
        foreach (var (cluster, token) in tokens)
        {
            options.Tokens.Add(new AgentTokenOptions { Cluster = cluster, Sha256 = TestCollector.Sha256(token) });
        }

        return options;
    }

    private sealed class FixedMonitor(CollectorOptions options) : IOptionsMonitor<CollectorOptions>
    {
        public CollectorOptions CurrentValue { get; set; } = options;

        public CollectorOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<CollectorOptions, string?> listener) => null;
    }
}
