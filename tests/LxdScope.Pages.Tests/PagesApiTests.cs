using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using LxdScope.Collector;
using LxdScope.Collector.Pages;
using LxdScope.Pages.Tests.Support;

namespace LxdScope.Pages.Tests;

/// <summary>How the pages' files are served, and what they may contain under the collector's CSP.</summary>
public sealed partial class PagesApiTests : IAsyncLifetime
{
    private PagesCollector collector = null!;

    public async Task InitializeAsync() => collector = await PagesCollector.StartAsync(["alpha"]);

    public async Task DisposeAsync() => await collector.DisposeAsync();

    [Theory]
    [InlineData("/", "LxdScope — clusters")]
    [InlineData("/clusters/alpha", "LxdScope — cluster")]
    [InlineData("/clusters/no-such-cluster", "LxdScope — cluster")]
    [InlineData("/sql", "LxdScope — SQL console")]
    public async Task Pages_are_html_under_the_collectors_content_security_policy(string path, string title)
    {
        using var response = await collector.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Contains($"<title>{title}</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ui/app.css", "text/css")]
    [InlineData("/ui/overview.js", "text/javascript")]
    [InlineData("/ui/favicon.svg", "image/svg+xml")]
    public async Task Files_have_their_content_type_and_revalidate_to_304_while_unchanged(string path, string type)
    {
        using var first = await collector.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(type, first.Content.Headers.ContentType?.MediaType);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        using var second = await collector.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Get, path);
        stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"0000\""));
        using var third = await collector.Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Theory]
    [InlineData("/ui/nope.js")]
    [InlineData("/ui/..%2F..%2Fcollector.json")]
    [InlineData("/ui/LxdScope.Collector.dll")]
    public async Task Anything_else_is_a_404_problem(string path)
    {
        using var response = await collector.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Html_has_no_inline_script_style_or_event_handler()
    {
        var assets = PageAssets.Load();
        var html = assets.Names.Where(n => n.EndsWith(".html", StringComparison.Ordinal)).ToList();
        Assert.Equal(["cluster.html", "index.html", "sql.html"], html.Order(StringComparer.Ordinal));
        foreach (var name in html)
        {
            var text = Encoding.UTF8.GetString(assets.Find(name)!.Content);
            Assert.All(ScriptTag().Matches(text), m => Assert.Matches("src=\"/ui/[a-z-]+\\.js\"", m.Value));
            Assert.DoesNotMatch(InlineStyleOrHandler(), text);
        }
    }

    [Fact]
    public void Scripts_never_turn_data_into_markup_or_code()
    {
        var assets = PageAssets.Load();
        var scripts = assets.Names.Where(n => n.EndsWith(".js", StringComparison.Ordinal)).ToList();
        Assert.Contains("overview.js", scripts);
        foreach (var name in scripts)
        {
            var text = Encoding.UTF8.GetString(assets.Find(name)!.Content);
            Assert.DoesNotMatch(UnsafeScript(), text);
        }
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"<style|\sstyle=|\son[a-z]+=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyleOrHandler();

    [GeneratedRegex(@"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(\s*'style'")]
    private static partial Regex UnsafeScript();
}
