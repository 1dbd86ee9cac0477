using System.Diagnostics;
using System.Net.Sockets;
using LxdScope.Lxd.Api;

namespace LxdScope.Lxd.Tests.Api;

public sealed class LxdSocketClientTests
{
    [Theory]
    [InlineData("select * from nodes")]
    [InlineData("  SELECT id FROM nodes;  ")]
    [InlineData("SELECT(1)")]
    [InlineData("SELECT*FROM nodes")]
    public void Single_selects_are_sent(string query) => LxdSocketClient.RefuseUnlessSingleSelect(query);

    [Theory]
    [InlineData("UPDATE config SET value = 1")]
    [InlineData("WITH x AS (SELECT 1) DELETE FROM nodes")] // LXD would run it as a write
    [InlineData("PRAGMA foreign_keys = OFF")]
    [InlineData("SELECT 1; DELETE FROM nodes")]
    [InlineData("SELECT ';'")] // LXD splits on every ';', even in a string
    [InlineData("SELECTED")]
    [InlineData(".sync")] // makes LXD write db.bin
    [InlineData("")]
    public void Anything_else_is_refused_before_it_reaches_LXD(string query) =>
        Assert.Throws<ReadOnlyViolationException>(() => LxdSocketClient.RefuseUnlessSingleSelect(query));

    [Fact]
    public async Task A_missing_socket_means_LXD_is_down()
    {
        using var client = new LxdSocketClient("/nonexistent/unix.socket", TimeSpan.FromSeconds(2));

        var e = await Assert.ThrowsAsync<LxdApiException>(() => client.GetServerAsync());

        Assert.True(e.Unreachable);
        Assert.Contains("not answering", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daemon_that_accepts_and_hangs_times_out_on_schedule()
    {
        // What a member without database quorum does to `lxc cluster list`.
        var path = Path.Combine(Directory.CreateTempSubdirectory("lxdscope-sock-").FullName, "unix.socket");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        using var client = new LxdSocketClient(path, TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<LxdApiException>(() => client.GetMembersAsync());

        Assert.True(e.TimedOut);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task An_answer_that_is_not_JSON_is_a_clear_error()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("lxdscope-sock-").FullName, "unix.socket");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        var server = Task.Run(async () =>
        {
            using var peer = await listener.AcceptAsync();
            var buffer = new byte[4096];
            await peer.ReceiveAsync(buffer);
            await peer.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot json!"u8.ToArray());
        });
        using var client = new LxdSocketClient(path, TimeSpan.FromSeconds(2));

        var e = await Assert.ThrowsAsync<LxdApiException>(() => client.GetServerAsync());

        Assert.Contains("not JSON", e.Message, StringComparison.Ordinal);
        await server;
    }

    [Fact]
    public async Task Requests_and_answer_bytes_are_counted_and_the_request_beyond_the_budget_is_never_sent()
    {
        var body = """{"type":"sync","metadata":{"environment":{"server":"lxd","server_version":"5.0.2"}}}"""u8.ToArray();
        await using var server = ServeAlways(body);
        using var client = new LxdSocketClient(server.Path, TimeSpan.FromSeconds(2), new LxdCallBudget(2, 1024 * 1024));

        await client.GetServerAsync();
        await client.GetServerAsync();
        var e = await Assert.ThrowsAsync<LxdApiException>(() => client.GetServerAsync());

        Assert.Contains("budget of 2 LXD API requests is spent", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, client.Requests);
        Assert.Equal(2 * body.Length, client.ResponseBytes);
        Assert.Equal(2, server.Accepted);
    }

    [Fact]
    public async Task An_answer_that_overruns_the_byte_budget_stops_being_read()
    {
        var body = System.Text.Encoding.UTF8.GetBytes("{\"type\":\"sync\",\"metadata\":{\"text\":\"" + new string('x', 300_000) + "\"}}");
        await using var server = ServeAlways(body);
        using var client = new LxdSocketClient(server.Path, TimeSpan.FromSeconds(2), new LxdCallBudget(10, 100_000));

        var e = await Assert.ThrowsAsync<LxdApiException>(() => client.DumpAsync("global", schemaOnly: true));

        Assert.Contains("overran the budget of 100000 bytes", e.Message, StringComparison.Ordinal);
        // Read in 64 KiB chunks: it stops within one chunk of the budget.
        Assert.InRange(client.ResponseBytes, 100_001, 100_000 + (64 * 1024));
        var refused = await Assert.ThrowsAsync<LxdApiException>(() => client.GetServerAsync());
        Assert.Contains("not sent", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A unix socket answering every request with the same body, counting connections.</summary>
    private static FixedAnswerServer ServeAlways(byte[] body) => new(body);

    private sealed class FixedAnswerServer : IAsyncDisposable
    {
        private readonly Socket listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;
        private int accepted;

        public FixedAnswerServer(byte[] body)
        {
            Path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("lxdscope-sock-").FullName, "unix.socket");
            listener.Bind(new UnixDomainSocketEndPoint(Path));
            listener.Listen();
            loop = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var peer = await listener.AcceptAsync(stop.Token);
                    Interlocked.Increment(ref accepted);
                    var buffer = new byte[8192];
                    await peer.ReceiveAsync(buffer);
                    var head = System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                    await peer.SendAsync(head);
                    try
                    {
                        await peer.SendAsync(body);
                    }
                    catch (SocketException)
                    {
                        // the client stopped reading at its budget
                    }
                }
            });
        }

        public string Path { get; }

        public int Accepted => Volatile.Read(ref accepted);

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
            }

            listener.Dispose();
            stop.Dispose();
        }
    }
}
