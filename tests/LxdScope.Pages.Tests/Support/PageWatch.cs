using Microsoft.Playwright;

namespace LxdScope.Pages.Tests.Support;

/// <summary>
/// Everything a page should never do, collected while a test drives it: console errors and
/// warnings, uncaught exceptions, Content-Security-Policy violations, failed or refused requests.
/// </summary>
internal sealed class PageWatch
{
    /// <summary>Runs before any page script: CSP violations are DOM events, recorded here for <see cref="Problems"/>.</summary>
    public const string ViolationRecorder = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    private readonly List<string> problems = [];
    private readonly IPage page;
    private readonly HashSet<int> expectedStatuses;

    public PageWatch(IPage page, params int[] expectedStatuses)
    {
        this.page = page;
        this.expectedStatuses = [.. expectedStatuses];
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning" && !IsExpectedResourceError(m.Text))
            {
                Add($"console {m.Type}: {m.Text} ({m.Location})");
            }
        };
        page.PageError += (_, e) => Add($"uncaught: {e}");
        page.RequestFailed += (_, r) => Add($"request failed: {r.Method} {r.Url}: {r.Failure}");
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && !this.expectedStatuses.Contains(r.Status))
            {
                Add($"HTTP {r.Status}: {r.Request.Method} {r.Url}");
            }
        };
    }

    /// <summary>Everything recorded so far, CSP violations included.</summary>
    public async Task<IReadOnlyList<string>> Problems()
    {
        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations ?? ['the violation recorder did not run']");
        lock (problems)
        {
            return [.. problems, .. violations.Select(v => "CSP violation: " + v)];
        }
    }

    public async Task AssertCleanAsync()
    {
        var all = await Problems();
        Assert.True(all.Count == 0, "the page misbehaved:\n" + string.Join("\n", all));
    }

    // Chromium logs every 4xx response as a console error; the ones a test provokes on purpose
    // (401 for a wrong token, 400 for a refused query) are not the page's fault.
    private bool IsExpectedResourceError(string text) =>
        text.StartsWith("Failed to load resource: the server responded with a status of ", StringComparison.Ordinal)
        && expectedStatuses.Any(s => text.Contains($"status of {s} ", StringComparison.Ordinal));

    private void Add(string problem)
    {
        lock (problems)
        {
            problems.Add(problem);
        }
    }
}
