using LxdScope.Pages.Tests.Support;
using Microsoft.Playwright;

namespace LxdScope.Pages.Tests;

/// <summary><c>/</c> in Chromium, on the clusters of <see cref="Scenario"/>.</summary>
[Collection(PagesCollection.Name)]
public sealed class OverviewPageTests(PagesFixture fixture)
{
    [Fact]
    public async Task Every_cluster_shows_its_quorum_as_ok_at_risk_lost_or_unknown()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page);

        Assert.Equal("ok", await Quorum(page, "staging"));
        Assert.Equal("at-risk", await Quorum(page, "prod"));
        Assert.Equal("lost", await Quorum(page, "lab"));
        Assert.Equal("unknown", await Quorum(page, "edge"));
        Assert.Equal("QUORUM LOST", await Cluster(page, "lab").Locator("[data-quorum]").InnerTextAsync());
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task LXD_and_Incus_clusters_side_by_side_each_say_which_product_and_version_they_run()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page);

        Assert.Equal("Incus 6.0.4", await Cluster(page, "staging").Locator("h2 [data-product=incus]").InnerTextAsync());
        Assert.Equal("LXD 5.0.2", await Cluster(page, "prod").Locator("h2 [data-product=lxd]").InnerTextAsync());
        // Every agent of edge is silent: the product is still known from the last view of its database.
        Assert.Equal("LXD 5.0.2", await Cluster(page, "edge").Locator("h2 [data-product]").InnerTextAsync());
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task Members_read_like_lxc_cluster_list_with_the_offline_member_named_with_why_and_since_when()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page);

        var prod = Cluster(page, "prod");
        await Assertions.Expect(prod.Locator("table.members tbody tr")).ToHaveCountAsync(3);
        Assert.Equal(["NAME", "URL", "ROLES", "STATE", "MESSAGE", "HEARTBEAT", "AGENT"], await prod.Locator("table.members th").AllInnerTextsAsync());

        var node1 = await Cells(prod, "node1");
        Assert.Equal(("127.0.0.1:8443", "ONLINE", "Fully operational", "3.0s ago", "reporting"), (node1[1], node1[3], node1[4], node1[5], node1[6]));
        Assert.Contains("database-leader", node1[2], StringComparison.Ordinal);

        var node3 = await Cells(prod, "node3");
        Assert.Equal("OFFLINE", node3[3]);
        Assert.StartsWith("No heartbeat for 48s", node3[4], StringComparison.Ordinal);
        Assert.Contains("since 2026-11-28 02:00:20Z", node3[4], StringComparison.Ordinal);
        Assert.Contains("docs/runbooks.md § LxdMemberOffline", node3[4], StringComparison.Ordinal);
        Assert.Equal("49.0s ago", node3[5]);
        Assert.Equal("SILENT", node3[6]);
        Assert.Contains("Database quorum at risk: 2 of 3 voters alive", await prod.Locator("[data-alert]").InnerTextAsync(), StringComparison.Ordinal);
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task A_lost_quorum_is_loud_names_the_unreachable_voters_whom_to_recover_from_and_the_runbook()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page);

        var lab = Cluster(page, "lab");
        var alert = lab.Locator("[data-alert=quorum-lost]");
        var text = await alert.InnerTextAsync();
        Assert.Contains("DATABASE QUORUM LOST: 1 of 3 voters alive.", text, StringComparison.Ordinal);
        Assert.Contains("since 2026-11-28 02:00:40Z", text, StringComparison.Ordinal);
        Assert.Contains("Unreachable voters: node2, node3", text, StringComparison.Ordinal);
        Assert.Equal("node1", await alert.Locator("[data-recover-from]").InnerTextAsync());
        Assert.Contains("docs/runbooks.md § LxdDatabaseQuorumLost", text, StringComparison.Ordinal);
        Assert.Contains("LAST-KNOWN VIEW", await lab.Locator(".summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(["REACHABLE", "UNREACHABLE", "UNREACHABLE"], await lab.Locator("table.members td[data-state]").AllInnerTextsAsync());
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task Unknown_is_said_as_unknown_never_as_zero()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page);

        var edge = Cluster(page, "edge");
        Assert.Contains("Quorum UNKNOWN", await edge.Locator("[data-alert=quorum-unknown]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("LOST", await edge.InnerTextAsync(), StringComparison.Ordinal);
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task The_events_timeline_shows_what_happened_newest_first()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page);

        var kinds = await Cluster(page, "lab").Locator(".timeline [data-kind]").EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.kind)");
        Assert.Contains("quorum-lost", kinds);
        Assert.Contains("agent-silent", kinds);
        var prodEvents = await Cluster(page, "prod").Locator(".timeline").InnerTextAsync();
        Assert.Contains("node3 went from ONLINE to OFFLINE: No heartbeat for 28s.", prodEvents, StringComparison.Ordinal);
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task The_page_refreshes_itself_and_shows_the_age_of_its_data()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page);
        await Assertions.Expect(page.Locator("#freshness")).ToHaveAttributeAsync("data-state", "fresh");
        await Assertions.Expect(page.Locator("#freshness")).ToContainTextAsync("updated");

        // A refresh is a new request for the list: wait for the next one.
        var next = await page.RunAndWaitForResponseAsync(() => Task.CompletedTask, r => r.Url.EndsWith("/api/v1/clusters", StringComparison.Ordinal), new() { Timeout = 8000 });
        Assert.Equal(200, next.Status);
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task The_policy_blocks_inline_script_and_the_watch_reports_it()
    {
        // The control for every "no CSP violation" assertion: a violation, provoked, must be seen.
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page);

        var ran = await page.EvaluateAsync<bool>("""
            () => new Promise(resolve => {
              window.__inlineRan = false;
              const script = document.createElement('script');
              script.textContent = 'window.__inlineRan = true;';
              document.body.append(script);
              setTimeout(() => resolve(window.__inlineRan), 200);
            })
            """);

        Assert.False(ran);
        Assert.Contains(await watch.Problems(), p => p.StartsWith("CSP violation: script-src", StringComparison.Ordinal));
    }

    /// <summary>Opens the overview and waits for the first rendering of every cluster.</summary>
    internal static async Task OpenAsync(IPage page)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("section.cluster h2 [data-quorum]")).ToHaveCountAsync(Scenario.Clusters.Length);
    }

    internal static ILocator Cluster(IPage page, string name) => page.Locator($"section.cluster[data-cluster='{name}']");

    private static Task<string?> Quorum(IPage page, string cluster) => Cluster(page, cluster).Locator("h2 [data-quorum]").GetAttributeAsync("data-quorum");

    private static async Task<IReadOnlyList<string>> Cells(ILocator cluster, string member) =>
        await cluster.Locator($"table.members tr[data-member='{member}'] td").AllInnerTextsAsync();
}
