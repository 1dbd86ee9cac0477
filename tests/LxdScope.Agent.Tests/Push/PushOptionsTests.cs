using LxdScope.Agent.Push;

namespace LxdScope.Agent.Tests.Push;

public sealed class PushOptionsTests
{
    private static readonly PushOptions Valid = new() { CollectorUrl = new Uri("https://collector:9480"), Token = "t0ken" };

    [Fact]
    public void Defaults_are_valid_and_as_documented()
    {
        Assert.Empty(Valid.Validate());
        Assert.Equal(TimeSpan.FromSeconds(10), Valid.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), Valid.InitialBackoff);
        Assert.Equal(TimeSpan.FromSeconds(60), Valid.MaxBackoff);
    }

    [Theory]
    [InlineData("https://collector:9480", "https://collector:9480/api/v1/reports")]
    [InlineData("http://10.0.0.1:9480/", "http://10.0.0.1:9480/api/v1/reports")]
    [InlineData("https://proxy.example/lxdscope", "https://proxy.example/lxdscope/api/v1/reports")]
    [InlineData("https://proxy.example/lxdscope/", "https://proxy.example/lxdscope/api/v1/reports")]
    public void Reports_go_below_the_collector_url_keeping_its_path(string collector, string expected)
    {
        Assert.Equal(new Uri(expected), (Valid with { CollectorUrl = new Uri(collector) }).ReportsUrl);
    }

    [Fact]
    public void Every_problem_is_named()
    {
        var options = Valid with
        {
            CollectorUrl = new Uri("ftp://collector/"),
            Token = "token\n",
            RequestTimeout = TimeSpan.Zero,
            InitialBackoff = TimeSpan.FromSeconds(-1),
            MaxBackoff = TimeSpan.FromSeconds(-2),
        };

        Assert.Equal(5, options.Validate().Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("tab\t")]
    public void Unusable_tokens_are_refused(string token)
    {
        Assert.Single((Valid with { Token = token }).Validate());
    }

    [Fact]
    public void A_url_with_a_query_is_refused()
    {
        Assert.Single((Valid with { CollectorUrl = new Uri("https://collector/?x=1") }).Validate());
    }

    [Fact]
    public void Max_backoff_below_initial_is_refused()
    {
        Assert.Single((Valid with { InitialBackoff = TimeSpan.FromSeconds(10), MaxBackoff = TimeSpan.FromSeconds(5) }).Validate());
    }

    [Fact]
    public void The_token_never_shows_in_text()
    {
        var text = Valid.ToString();

        Assert.DoesNotContain("t0ken", text, StringComparison.Ordinal);
        Assert.Contains("<redacted>", text, StringComparison.Ordinal);
        Assert.Contains("https://collector:9480/", text, StringComparison.Ordinal);
    }
}
