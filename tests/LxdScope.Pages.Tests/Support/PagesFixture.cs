using Microsoft.Playwright;

namespace LxdScope.Pages.Tests.Support;

/// <summary>
/// One collector with the <see cref="Scenario"/> ingested and one Chromium, shared by every browser
/// test: starting Chromium is the slow part, and the pages only read.
/// </summary>
public sealed class PagesFixture : IAsyncLifetime
{
    internal PagesCollector Collector { get; private set; } = null!;

    internal Chromium Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Collector = await PagesCollector.StartAsync(Scenario.Clusters, Scenario.ConsoleSettings());
        await Scenario.SeedAsync(Collector);
        Chromium = await Chromium.LaunchAsync();
    }

    /// <summary>A fresh browser context (own sessionStorage) and page on the collector, watched for misbehaviour.</summary>
    internal async Task<(IBrowserContext Context, IPage Page, PageWatch Watch)> OpenAsync(params int[] expectedStatuses)
    {
        var context = await Chromium.Browser.NewContextAsync(new()
        {
            BaseURL = Collector.BaseAddress.ToString(),
            ViewportSize = new() { Width = 1400, Height = 1000 },
            AcceptDownloads = true,
        });
        await context.AddInitScriptAsync(PageWatch.ViolationRecorder);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        return (context, page, new PageWatch(page, expectedStatuses));
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        if (Collector is not null)
        {
            await Collector.DisposeAsync();
        }
    }
}
