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
}
