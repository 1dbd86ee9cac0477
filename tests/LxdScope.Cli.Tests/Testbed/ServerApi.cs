using System.Diagnostics;
using System.Text.Json;

namespace LxdScope.Cli.Tests.Testbed;

/// <summary>What Prometheus and Alertmanager have in common for the tests: waiting until ready, and GETs whose failure says why.</summary>
internal static class ServerApi
{
    public static async Task WaitReady(HttpClient http, string url, BackgroundProcess process, string name)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited at start:\n{process.Tail}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri(url + "/-/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{name} was not ready within 30 s:\n{process.Tail}");
    }

    public static async Task<JsonElement> GetJson(HttpClient http, string url)
    {
        using var response = await http.GetAsync(new Uri(url));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {body}");
        }

        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }
}
