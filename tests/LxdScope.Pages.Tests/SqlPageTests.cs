using LxdScope.Pages.Tests.Support;
using Microsoft.Playwright;

namespace LxdScope.Pages.Tests;

/// <summary><c>/sql</c> in Chromium against the collector's real console API, on <see cref="Scenario.SqlCluster"/>'s mirrored databases.</summary>
[Collection(PagesCollection.Name)]
public sealed class SqlPageTests(PagesFixture fixture)
{
    private const string Nodes = "select name, address from nodes order by id";

    [Fact]
    public async Task Enter_the_token_run_a_query_and_see_the_rows_and_the_snapshot_age()
    {
        // 404: the first cluster offered, edge, has no database content; the schema pane says so.
        var (context, page, watch) = await fixture.OpenAsync(404);
        await using var _ = context;
        await page.GotoAsync("/sql");
        await Assertions.Expect(page.Locator("#token-panel")).ToBeVisibleAsync();
        await EnterTokenAsync(page);
        Assert.Equal("edge", await page.Locator("#cluster").InputValueAsync());
        await Assertions.Expect(page.Locator("#schema .error")).ToContainTextAsync("edge");

        await page.Locator("#cluster").SelectOptionAsync(Scenario.SqlCluster);
        await page.Locator("#query").FillAsync(Nodes);
        await page.Locator("#run").ClickAsync();

        Assert.Equal([["node1", "127.0.0.1:8443"], ["node2", "127.0.0.2:8443"], ["node3", "127.0.0.3:8443"]], await RowsAsync(page));
        Assert.Equal(["name", "address"], await page.Locator("table.results th").AllInnerTextsAsync());
        var meta = await page.Locator("#meta").InnerTextAsync();
        Assert.Contains("3 rows", meta, StringComparison.Ordinal);
        Assert.Contains("as of 2026-11-28 02:00:00Z (41.0s old", meta, StringComparison.Ordinal);
        Assert.DoesNotContain(Scenario.ConsoleToken, page.Url, StringComparison.Ordinal);
        Assert.Equal(Scenario.ConsoleToken, await page.EvaluateAsync<string>("() => sessionStorage.getItem('lxdscope.token')"));
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task Ctrl_Enter_runs_the_query_and_puts_it_in_the_url()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page, "/sql?cluster=prod");

        await page.Locator("#query").FillAsync("select count(*) as n from instances");
        await page.Locator("#query").PressAsync("Control+Enter");

        Assert.Equal([["4"]], await RowsAsync(page));
        var url = new Uri(page.Url);
        Assert.Equal("/sql", url.AbsolutePath);
        Assert.Contains("query=select+count%28*%29+as+n+from+instances", url.Query, StringComparison.Ordinal);
        Assert.Equal(page.Url, new Uri(new Uri(page.Url), await page.Locator("#permalink").GetAttributeAsync("href")).ToString());
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task A_permalink_fills_the_form_and_runs_once_the_token_is_given()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        var link = "/sql?cluster=prod&database=local&member=node2&query=" + Uri.EscapeDataString("select address from raft_nodes order by id");

        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("#token-panel")).ToBeVisibleAsync();
        await EnterTokenAsync(page);

        Assert.Equal([["127.0.0.1:8443"], ["127.0.0.2:8443"], ["127.0.0.3:8443"]], await RowsAsync(page));
        Assert.Equal("local", await page.Locator("#database").InputValueAsync());
        Assert.Equal("node2", await page.Locator("#member").InputValueAsync());
        Assert.Equal("prod", await page.Locator("#cluster").InputValueAsync());

        // The same link followed again, the token already in this tab: it just runs.
        await page.GotoAsync(link.Replace("node2", "node3", StringComparison.Ordinal));
        Assert.Equal([["127.0.0.1:8443"], ["127.0.0.2:8443"], ["127.0.0.3:8443"]], await RowsAsync(page));
        Assert.Contains("local database of node3", await page.Locator("#meta").InnerTextAsync(), StringComparison.Ordinal);
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task A_local_query_without_a_member_runs_on_every_member_with_a_member_column()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page, "/sql?cluster=prod&database=local&query=" + Uri.EscapeDataString("select value from config where key = 'cluster.https_address'"));

        Assert.Equal([["node1", "127.0.0.1:8443"], ["node2", "127.0.0.2:8443"], ["node3", "127.0.0.3:8443"]], await RowsAsync(page));
        Assert.Equal("member", await page.Locator("table.results th").First.InnerTextAsync());
        Assert.Contains("per member: node1 41.0s old", await page.Locator("#meta").InnerTextAsync(), StringComparison.Ordinal);
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task An_invalid_query_shows_the_servers_title_and_detail()
    {
        var (context, page, watch) = await fixture.OpenAsync(400);
        await using var _ = context;
        await OpenAsync(page, "/sql?cluster=prod");

        await page.Locator("#query").FillAsync("delete from nodes");
        await page.Locator("#run").ClickAsync();

        var problem = page.Locator("#problem .problem");
        await Assertions.Expect(problem).ToBeVisibleAsync();
        Assert.Equal("400", await problem.GetAttributeAsync("data-status"));
        Assert.StartsWith("Query refused (400)", await problem.Locator("strong").InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await problem.Locator(".detail").InnerTextAsync()));
        Assert.Equal(0, await page.Locator("table.results").CountAsync());

        await page.Locator("#query").FillAsync("select nope from nodes");
        await page.Locator("#run").ClickAsync();
        await Assertions.Expect(problem.Locator(".detail")).ToContainTextAsync("no such column: nope");
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task A_wrong_token_is_refused_clearly_and_asked_for_again()
    {
        var (context, page, watch) = await fixture.OpenAsync(401);
        await using var _ = context;
        await page.GotoAsync("/sql?cluster=prod&query=" + Uri.EscapeDataString(Nodes));
        await EnterTokenAsync(page, "an-agent-token-perhaps", waitUntilAccepted: false);

        await Assertions.Expect(page.Locator("#token-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#token-problem")).ToContainTextAsync("The collector refused the console token (401)");
        await Assertions.Expect(page.Locator("#token-problem")).ToContainTextAsync("Console token needed: Send 'Authorization: Bearer <console token>'.");
        Assert.Equal(0, await page.Locator("table.results").CountAsync());
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('lxdscope.token')"));
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task Schema_and_canned_queries_are_listed_and_a_canned_query_runs()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page, "/sql?cluster=prod");

        await Assertions.Expect(page.Locator("#schema li[data-table='nodes']")).ToBeVisibleAsync();
        var canned = page.Locator("#canned li[data-canned]");
        await Assertions.Expect(canned.First).ToBeVisibleAsync();
        await canned.First.Locator("button").ClickAsync();

        await Assertions.Expect(page.Locator("#meta [data-row-count]")).ToBeVisibleAsync();
        Assert.NotEmpty(await page.Locator("#query").InputValueAsync());
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task The_result_downloads_as_csv_and_json()
    {
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;
        await OpenAsync(page, "/sql?cluster=prod&query=" + Uri.EscapeDataString("select name, 'a,\"b' as odd, null as absent from nodes where id = 1"));
        await Assertions.Expect(page.Locator("table.results")).ToBeVisibleAsync();

        var csv = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync());
        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("name,odd,absent\r\nnode1,\"a,\"\"b\",\r\n", await File.ReadAllTextAsync(await csv.PathAsync()));

        var json = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-json").ClickAsync());
        var text = await File.ReadAllTextAsync(await json.PathAsync());
        Assert.Contains("\"rows\": [", text, StringComparison.Ordinal);
        Assert.Contains("\"a,\\\"b\"", text, StringComparison.Ordinal);
        await watch.AssertCleanAsync();
    }

    private static async Task EnterTokenAsync(IPage page, string token = Scenario.ConsoleToken, bool waitUntilAccepted = true)
    {
        await page.Locator("#token").FillAsync(token);
        await page.Locator("#token-form button[type=submit]").ClickAsync();
        if (waitUntilAccepted)
        {
            await Assertions.Expect(page.Locator("#token-panel")).ToBeHiddenAsync();
        }
    }

    /// <summary>Opens a console URL in a fresh tab and gives the token.</summary>
    private static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await EnterTokenAsync(page);
    }

    private static async Task<List<List<string>>> RowsAsync(IPage page)
    {
        await page.Locator("table.results tbody tr").First.WaitForAsync();
        var rows = await page.Locator("table.results tbody tr").EvaluateAllAsync<string[][]>("rs => rs.map(r => [...r.cells].map(c => c.textContent))");
        return rows.Select(r => r.ToList()).ToList();
    }
}
