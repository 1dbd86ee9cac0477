using System.Net.Sockets;
using System.Text;
using LxdScope.Deploy.Tests.Support;

namespace LxdScope.Deploy.Tests;

/// <summary>
/// The agent's unit mounts LXD's directory read-only (ReadOnlyPaths=), yet the agent must still
/// talk to LXD through the unix socket in it. A read-only bind mount, made the way systemd makes
/// it (in a mount namespace of its own), stops writes but not connecting to a socket: shown here
/// with a real socket, a real read-only mount and curl.
/// </summary>
public sealed class ReadOnlyLxdDirectoryTests
{
    [Fact]
    public async Task A_socket_in_a_read_only_mounted_directory_still_answers_and_the_directory_refuses_writes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("unix.socket");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptAsync();
            var buffer = new byte[4096];
            await client.ReceiveAsync(buffer);
            await client.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\nContent-Length: 13\r\n\r\nsocket answer"));
        });

        var script = $"mount --bind -o ro '{dir.Path}' '{dir.Path}' && curl -s --max-time 10 --unix-socket '{path}' http://lxd/1.0 && ! touch '{dir.File("written")}' 2>/dev/null && echo ' / write refused'";
        var result = await Tool.Run("unshare", dir.Path, "--mount", "--propagation", "private", "sh", "-c", script);
        await serve.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("socket answer / write refused", result.Stdout.Trim());
        Assert.False(File.Exists(dir.File("written")));
    }
}
