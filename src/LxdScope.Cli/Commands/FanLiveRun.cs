using LxdScope.Fan.Analysis;
using LxdScope.Fan.Capture;

namespace LxdScope.Cli.Commands;

/// <summary>A live session around what a fan command does while it captures, as <c>fan capture</c> and <c>fan doctor</c> both run it.</summary>
internal static class FanLiveRun
{
    /// <returns>The traffic judged once <paramref name="whileCapturing"/> is done; null when the interface could not be captured (said on stderr).</returns>
    public static async Task<(FanReport Report, CaptureStatistics Statistics)?> CaptureAsync(
        string iface, FanAnalyzerOptions options, string? writePath, Func<FanLiveSession, Task> whileCapturing)
    {
        try
        {
            using var session = FanLiveSession.Start(iface, options, writePath);
            await whileCapturing(session);
            var statistics = session.Stop();
            return (session.Finish(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000), statistics);
        }
        catch (FanCaptureException e)
        {
            await Console.Error.WriteLineAsync($"lxdscope: {e.Message}");
            return null;
        }
    }
}
