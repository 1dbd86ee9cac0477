using LxdScope.Agent.Push;

namespace LxdScope.Agent.Tests.Push;

public sealed class PushOptionsTests
{
    private static readonly PushOptions Valid = new() { CollectorUrls = [new Uri("https://collector:9480")], Token = "t0ken" };

    [Fact]
    public void Defaults_are_valid_and_as_documented()
    {
        Assert.Empty(Valid.Validate());
        Assert.Equal(TimeSpan.FromSeconds(10), Valid.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), Valid.InitialBackoff);
        Assert.Equal(TimeSpan.FromSeconds(60), Valid.MaxBackoff);
        Assert.Equal(TimeSpan.FromMinutes(2), Valid.FailbackAfter);
    }

    [Theory]
    [InlineData("https://collector:9480", "https://collector:9480/api/v1/reports")]
    [InlineData("http://10.0.0.1:9480/", "http://10.0.0.1:9480/api/v1/reports")]
    [InlineData("https://proxy.example/lxdscope", "https://proxy.example/lxdscope/api/v1/reports")]
    [InlineData("https://proxy.example/lxdscope/", "https://proxy.example/lxdscope/api/v1/reports")]
    public void Reports_go_below_the_collector_url_keeping_its_path(string collector, string expected)
    {
        Assert.Equal(new Uri(expected), Assert.Single((Valid with { CollectorUrls = [new Uri(collector)] }).ReportsUrls));
    }

    [Fact]
    public void Every_problem_is_named()
    {
        var options = Valid with
        {
            CollectorUrls = [new Uri("ftp://collector/")],
            Token = "token\n",
            RequestTimeout = TimeSpan.Zero,
            InitialBackoff = TimeSpan.FromSeconds(-1),
            MaxBackoff = TimeSpan.FromSeconds(-2),
            FailbackAfter = TimeSpan.Zero,
        };

        Assert.Equal(6, options.Validate().Count);
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
        Assert.Single((Valid with { CollectorUrls = [new Uri("https://collector/?x=1")] }).Validate());
    }

    [Fact]
    public void Several_collectors_keep_their_order()
    {
        var options = Valid with { CollectorUrls = [new Uri("https://c1:9470"), new Uri("https://c2:9470/base/")] };

        Assert.Empty(options.Validate());
        Assert.Equal([new Uri("https://c1:9470/api/v1/reports"), new Uri("https://c2:9470/base/api/v1/reports")], options.ReportsUrls);
    }

    [Fact]
    public void No_collector_or_one_listed_twice_is_refused()
    {
        Assert.Contains("At least one", Assert.Single((Valid with { CollectorUrls = [] }).Validate()), StringComparison.Ordinal);
        Assert.Contains("twice", Assert.Single((Valid with { CollectorUrls = [new Uri("https://c1:9470"), new Uri("https://C1:9470/")] }).Validate()), StringComparison.Ordinal);
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
