using LxdScope.Pages.Tests.Support;
using Microsoft.Playwright;

namespace LxdScope.Pages.Tests;

/// <summary><c>/clusters/{name}</c> in Chromium, on the clusters of <see cref="Scenario"/>.</summary>
[Collection(PagesCollection.Name)]
public sealed class ClusterPageTests(PagesFixture fixture)
{
    [Fact]
    public async Task The_reachability_matrix_is_drawn_with_a_verdict_per_pair_and_a_legend()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page, "prod");

        var cells = page.Locator("svg.matrix g.cell");
        await Assertions.Expect(cells).ToHaveCountAsync(9);
        Assert.Equal(("ok", "2.0 ms"), await Cell(page, "node1", "node2"));
        Assert.Equal(("self", "2.0 ms"), await Cell(page, "node1", "node1"));
        Assert.Equal(("fail", "✗ fail"), await Cell(page, "node1", "node3"));
        Assert.Equal(("fail", "✗ fail"), await Cell(page, "node2", "node3"));
        // node3's agent is silent: what it would see is unknown, not "unreachable".
        Assert.Equal(("unknown", "?"), await Cell(page, "node3", "node1"));
        Assert.Contains("TCP connect: connection refused", await page.Locator("g.cell[data-row='node1'][data-column='node3'] title").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(5, await page.Locator(".matrix-figure .legend li").CountAsync()); // ok, fail, unknown, self, unverified
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task The_fan_matrix_is_drawn_from_the_fan_api_with_each_pairs_verdict_and_secondary_findings()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page, "staging");

        Assert.Equal("Incus 6.0.4", await page.Locator("h1 [data-product=incus]").InnerTextAsync());
        var fan = page.Locator("section[data-fan='staging']");
        await Assertions.Expect(fan.Locator("svg.matrix g.cell")).ToHaveCountAsync(4);
        Assert.Equal("ok", await fan.Locator("g.cell[data-row='node1'][data-column='node2']").GetAttributeAsync("data-verdict"));
        Assert.Equal("0.3 ms", await fan.Locator("g.cell[data-row='node1'][data-column='node2'] text").TextContentAsync());
        var degraded = fan.Locator("g.cell[data-row='node2'][data-column='node1']");
        Assert.Equal("warn", await degraded.GetAttributeAsync("data-verdict"));
        // The headline, and how many findings stand behind it; the secondary ones by name in the cell's title and the list.
        Assert.Equal("partial-loss +1", await degraded.Locator("text").TextContentAsync());
        Assert.StartsWith("from node2 to node1: partial-loss (also: intermittent-arp)\n", await degraded.Locator("title").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(
            "node2 → node1: partial-loss (also: intermittent-arp) — 192.168.0.2 > 192.168.0.1: 9 of 30 echo requests lost (30 %); 3 of 8 ARP requests for 240.0.1.10 unanswered",
            await fan.Locator("ul.warnings li[data-pair='node2 node1']").TextContentAsync());
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task Raft_positions_name_the_member_to_recover_from_when_quorum_is_lost()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page, "lab");

        Assert.Equal("lost", await page.Locator("h1 [data-quorum]").GetAttributeAsync("data-quorum"));
        var node1 = await page.Locator("table.raft tr[data-member='node1'] td").AllInnerTextsAsync();
        Assert.Equal(("voter", "REACHABLE", "3", "3"), (node1[1], node1[2], node1[3], node1[5]));
        Assert.StartsWith("300", node1[4], StringComparison.Ordinal);
        Assert.Contains("recover from this member", node1[8], StringComparison.Ordinal);
        var node2 = await page.Locator("table.raft tr[data-member='node2'] td").AllInnerTextsAsync();
        Assert.Equal(("UNREACHABLE", "2", "101"), (node2[2], node2[3], node2[4]));
        Assert.Equal(1, await page.Locator("table.raft [data-recover-from]").CountAsync());
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task Agents_show_the_age_of_their_last_report_and_which_are_silent()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page, "lab");

        var node1 = await page.Locator("table.agents tr[data-agent='lab-node1'] td").AllInnerTextsAsync();
        Assert.Equal(("node1", "up", "1.0s ago", "global: no quorum"), (node1[1], node1[2], node1[3], node1[7]));
        var node3 = await page.Locator("table.agents tr[data-agent='lab-node3'] td").AllInnerTextsAsync();
        Assert.Equal(("SILENT", "41.0s ago", "2026-11-28 02:00:00Z"), (node3[2], node3[3], node3[4]));
        Assert.Contains("docs/runbooks.md § LxdScopeAgentDown", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task A_long_collector_error_wraps_inside_the_agents_table_at_1400_px()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page, "lab");

        // Errors quote URLs and paths without spaces; put the longest such text where lab-node1's error is.
        var error = page.Locator("table.agents tr[data-agent='lab-node1'] td .bad-text").First;
        await error.EvaluateAsync("(e, text) => e.textContent = text", "global: GET http://unix/1.0/cluster/members?recursion=1:" + new string('x', 300));
        var widths = await page.Locator("table.agents").EvaluateAsync<int[]>("t => [t.scrollWidth, t.closest('section').clientWidth]");

        Assert.True(widths[0] <= widths[1], $"the agents table is {widths[0]} px wide in a {widths[1]} px panel");
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task The_page_links_to_the_sql_console_for_this_cluster()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page, "staging");

        var hrefs = await page.Locator("a[href^='/sql?']").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        Assert.Contains("/sql?cluster=staging", hrefs);
        Assert.Contains(hrefs, h => h.Contains("database=local", StringComparison.Ordinal) && h.Contains("query=", StringComparison.Ordinal));
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task An_unknown_cluster_says_so_instead_of_showing_nothing()
    {
        var (context, page, watch) = await fixture.OpenAsync(404);
        await using var _ = context;
        await page.GotoAsync("/clusters/no-such-cluster");

        await Assertions.Expect(page.Locator("#banner")).ToContainTextAsync("Unknown cluster: No agent has reported for a cluster of that name.");
        await Assertions.Expect(page.Locator("#freshness")).ToHaveAttributeAsync("data-state", "stale");
        await watch.AssertCleanAsync();
    }

    private static async Task OpenAsync(IPage page, string cluster)
    {
        await page.GotoAsync($"/clusters/{cluster}");
        await page.Locator("svg.matrix").First.WaitForAsync();
    }

    private static async Task<(string?, string)> Cell(IPage page, string from, string to)
    {
        var cell = page.Locator($"svg.matrix g.cell[data-row='{from}'][data-column='{to}']").First;
        return (await cell.GetAttributeAsync("data-verdict"), await cell.Locator("text").TextContentAsync() ?? "");
    }
}
