using System.Diagnostics;
using System.Globalization;

namespace LxdScope.SystemTests.Testbed;

/// <summary>Reading a Prometheus text scrape, and waiting for it to say something.</summary>
internal static class MetricsText
{
    /// <summary>The value of one series written out in full (name and labels), or null when absent.</summary>
    public static double? Value(string metrics, string series)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Polls until <paramref name="condition"/> holds; a collector that does not answer yet is not a failure.</summary>
    public static async Task Eventually(TimeSpan limit, Func<Task<bool>> condition, Func<string>? explain = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"condition not met within {limit}" + (explain is null ? "" : ": " + explain()));
            }

            await Task.Delay(500);
        }
    }
}
