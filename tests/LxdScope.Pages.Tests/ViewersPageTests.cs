using LxdScope.Pages.Tests.Support;
using Microsoft.Playwright;

namespace LxdScope.Pages.Tests;

/// <summary>The pages on a collector with viewers: they ask for a token once per tab, like the console does.</summary>
[Collection(PagesCollection.Name)]
public sealed class ViewersPageTests(PagesFixture fixture)
{
    [Fact]
    public async Task The_overview_asks_for_a_token_once_refuses_a_wrong_one_and_the_cluster_page_and_console_reuse_it()
    {
        await using var collector = await PagesCollector.StartAsync(Scenario.Clusters, Scenario.ViewerSettings());
        await Scenario.SeedAsync(collector);
        await using var context = await fixture.Chromium.Browser.NewContextAsync(new() { BaseURL = collector.BaseAddress.ToString() });
        await context.AddInitScriptAsync(PageWatch.ViolationRecorder);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        var watch = new PageWatch(page, [401]);

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#token-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#token-problem")).ToContainTextAsync("Token needed");
        Assert.Equal(0, await page.Locator("section.cluster").CountAsync());

        await EnterAsync(page, "an-agent-token-perhaps");
        await Assertions.Expect(page.Locator("#token-panel")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('lxdscope.token')"));

        await EnterAsync(page, Scenario.ViewerToken);
        await Assertions.Expect(page.Locator("section.cluster[data-cluster='prod']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#token-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#freshness")).ToHaveAttributeAsync("data-state", "fresh");
        Assert.DoesNotContain(Scenario.ViewerToken, page.Url, StringComparison.Ordinal);

        // The same tab: the cluster page and the console's pickers read with the token given once.
        await page.GotoAsync("/clusters/prod");
        await Assertions.Expect(page.Locator("svg.matrix g.cell").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#token-panel")).ToHaveCountAsync(0);
        await page.GotoAsync("/sql");
        await Assertions.Expect(page.Locator("#cluster option[value='prod']")).ToHaveCountAsync(1);
        await watch.AssertCleanAsync();
    }

    private static async Task EnterAsync(IPage page, string token)
    {
        await page.Locator("#token").FillAsync(token);
        await page.Locator("#token-form button[type=submit]").ClickAsync();
    }
}
