using LxdScope.Pages.Tests.Support;

namespace LxdScope.Pages.Tests;

/// <summary>
/// The README's pictures, taken in Chromium from the <see cref="Scenario"/>. Into a temporary
/// directory by default; into the repository's docs/screenshots with
/// <c>LXDSCOPE_SCREENSHOTS=docs/screenshots dotnet test tests/LxdScope.Pages.Tests --filter ScreenshotTests</c>.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class ScreenshotTests(PagesFixture fixture)
{
    [Fact]
    public async Task Overview_and_cluster_page_screenshots_are_taken()
    {
        var directory = Target();
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;

        await page.GotoAsync("/");
        await page.Locator("section.cluster[data-cluster='lab'] [data-alert]").WaitForAsync();
        await Save(page, directory, "overview.png");

        await page.GotoAsync("/clusters/lab");
        await page.Locator("svg.matrix").First.WaitForAsync();
        await Save(page, directory, "cluster.png");
        await watch.AssertCleanAsync();
    }

    [Fact]
    public async Task Sql_console_screenshot_is_taken()
    {
        var directory = Target();
        var (context, page, watch) = await fixture.OpenAsync();
        await using var _ = context;

        var query = "select n.name, n.address, n.heartbeat, count(i.id) as instances\nfrom nodes n left join instances i on i.node_id = n.id\ngroup by n.id order by n.name";
        await page.GotoAsync("/sql?cluster=prod&database=global&query=" + Uri.EscapeDataString(query));
        await page.Locator("#token").FillAsync(Scenario.ConsoleToken);
        await page.Locator("#token-form button[type=submit]").ClickAsync();
        await page.Locator("table.results tbody tr").First.WaitForAsync();
        await page.Locator("#schema li").First.WaitForAsync();
        await Save(page, directory, "sql.png");
        await watch.AssertCleanAsync();
    }

    internal static string Target()
    {
        var wanted = Environment.GetEnvironmentVariable("LXDSCOPE_SCREENSHOTS");
        var directory = string.IsNullOrEmpty(wanted)
            ? Path.Combine(Path.GetTempPath(), "lxdscope-pages-screenshots")
            : Path.GetFullPath(wanted, Repository.Root);
        Directory.CreateDirectory(directory);
        return directory;
    }

    internal static async Task Save(Microsoft.Playwright.IPage page, string directory, string name)
    {
        var path = Path.Combine(directory, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.True(bytes.Length > 10_000, $"{name}: {bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }
}
