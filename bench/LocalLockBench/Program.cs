using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using LxdScope.Lxd;
using LxdScope.Lxd.Local;

// Usage: LocalLockBench LXD_DIR [WRITES]
// LXD writes local.db when a member-local setting changes: core.debug_address is one, and
// setting it only opens a loopback listener. The writes go through LXD's API (PATCH /1.0), once
// alone and once while LxdScope reads local.db in a tight loop; both latency distributions and
// the reader's lock hold times are printed as a Markdown table.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: LocalLockBench LXD_DIR [WRITES]");
    return 2;
}

var dir = LxdDirectory.Locate(args[0]);
var writes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
using var http = new HttpClient(new SocketsHttpHandler
{
    ConnectCallback = async (_, ct) =>
    {
        var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await s.ConnectAsync(new UnixDomainSocketEndPoint(dir.SocketPath), ct);
        return new NetworkStream(s, ownsSocket: true);
    },
}) { BaseAddress = new Uri("http://lxd") };

async Task<List<double>> Write(int count)
{
    var latencies = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        var value = i % 2 == 0 ? "127.0.0.1:18444" : "";
        var body = new StringContent($"{{\"config\":{{\"core.debug_address\":\"{value}\"}}}}", Encoding.UTF8, "application/json");
        var clock = Stopwatch.StartNew();
        using var response = await http.PatchAsync("/1.0", body);
        clock.Stop();
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || text.Contains("\"type\":\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"LXD refused write {i}: {text}");
        }

        latencies.Add(clock.Elapsed.TotalMilliseconds);
    }

    return latencies;
}

await Write(20); // warm-up
var alone = await Write(writes);

var readErrors = 0;

// A reader that never pauses (the worst case), then one at 100 ms (the agent's fastest interval).
async Task<(List<double> Writes, List<double> Holds)> WriteWhileReading(TimeSpan pause)
{
    var holds = new List<double>();
    using var stop = new CancellationTokenSource();
    var reader = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                holds.Add(LocalDatabase.Read(dir.LocalDatabasePath).LockHeld.TotalMilliseconds);
            }
            catch (LocalDatabaseException)
            {
                readErrors++;
            }

            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause);
            }
        }
    });
    var latencies = await Write(writes);
    await stop.CancelAsync();
    await reader;
    return (latencies, holds);
}

var (tightWrites, tightHolds) = await WriteWhileReading(TimeSpan.Zero);
var (pacedWrites, pacedHolds) = await WriteWhileReading(TimeSpan.FromMilliseconds(100));
await Write(1); // leave core.debug_address unset

static string Row(string what, List<double> v)
{
    v.Sort();
    double P(double q) => v[Math.Min(v.Count - 1, (int)(q * v.Count))];
    return string.Create(CultureInfo.InvariantCulture, $"| {what} | {v.Count} | {P(0.5):0.000} | {P(0.99):0.000} | {v[^1]:0.000} |");
}

Console.WriteLine("| measured | n | p50 ms | p99 ms | max ms |");
Console.WriteLine("|---|---:|---:|---:|---:|");
Console.WriteLine(Row("LXD write (PATCH /1.0), no reader", alone));
Console.WriteLine(Row("LXD write, LxdScope reading local.db every 100 ms", pacedWrites));
Console.WriteLine(Row("LXD write, LxdScope reading local.db without pause", tightWrites));
Console.WriteLine(Row("LxdScope's SHARED lock per read, every 100 ms", pacedHolds));
Console.WriteLine(Row("LxdScope's SHARED lock per read, without pause", tightHolds));
Console.WriteLine($"\nread errors (busy beyond 500 ms): {readErrors}, LXD write errors: 0 (any would have stopped the run)");
return 0;
