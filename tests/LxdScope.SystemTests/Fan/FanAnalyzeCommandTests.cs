using System.Text.Json;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Fan;

/// <summary>The launcher's <c>fan analyze</c> on a real capture and on files that are not usable captures.</summary>
public sealed class FanAnalyzeCommandTests
{
    private static readonly string NotesCapture = Path.Combine(Repository.Root, "tests", "LxdScope.Fan.Tests", "Fixtures", "notes-trace.pcap");

    private static Task<ProcessResult> Run(params string[] args) =>
        Processes.RunAsync(Executable.Launcher, ["fan", "analyze", .. args], TimeSpan.FromMinutes(15));

    private static string Scratch() => Directory.CreateTempSubdirectory("lxsfan-cli-").FullName;

    [Fact]
    public async Task The_notes_capture_is_healthy_with_RTT_in_json()
    {
        var result = await Run(NotesCapture, "--underlay", "192.168.0.0/16", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal(69, root.GetProperty("vxlan_packets").GetInt64());
        Assert.Equal(15728640u, root.GetProperty("fan").GetProperty("vni").GetUInt32());
        Assert.False(root.GetProperty("fan").GetProperty("underlay_inferred").GetBoolean());
        Assert.Equal("192.168.0.46", root.GetProperty("local_vtep").GetString());
        var pair = root.GetProperty("pairs").EnumerateArray().Single(p => p.GetProperty("b").GetString() == "192.168.0.47");
        Assert.Equal("healthy", pair.GetProperty("verdict").GetString());
        Assert.Equal(3, pair.GetProperty("a_to_b").GetProperty("echo_replies").GetInt64());
        Assert.True(pair.GetProperty("a_to_b").GetProperty("rtt_avg_ms").GetDouble() > 0);
    }

    [Fact]
    public async Task Trace_prints_the_notes_lines()
    {
        var result = await Run(NotesCapture, "--trace");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("IP 192.168.0.46.53713 > 192.168.0.47.8472: VXLAN, flags [I] (0x08), vni 15728640\nARP, Request who-has 240.0.47.99 tell 240.0.46.14, length 28\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("IP 240.0.47.99 > 240.0.46.14: ICMP echo reply, id 23950, seq 1, length 64\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("192.168.0.46 <> 192.168.0.47      healthy", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_usage_exit_2()
    {
        var result = await Run("/nonexistent/fan.pcap");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/nonexistent/fan.pcap: no such file", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task A_file_that_is_not_a_capture_is_usage_exit_2()
    {
        var path = Path.Combine(Scratch(), "notes.md");
        await File.WriteAllTextAsync(path, "ARP, Request who-has 240.0.47.99 tell 240.0.46.14, length 28\n");

        var result = await Run(path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a pcap or pcapng capture", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_capture_fails_with_exit_1_and_no_verdicts()
    {
        var bytes = await File.ReadAllBytesAsync(NotesCapture);
        var path = Path.Combine(Scratch(), "cut.pcap");
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length - 30)]);

        var result = await Run(path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("damaged after 68 packets", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("healthy", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_capture_without_VXLAN_fails_with_exit_1_naming_the_ports()
    {
        var path = Path.Combine(Scratch(), "empty.pcap");
        // A pcap header (Ethernet) and one underlay ARP frame: no VXLAN at all.
        var header = Convert.FromHexString("d4c3b2a1020004000000000000000000ffff000001000000");
        var record = Convert.FromHexString("00000000000000002a0000002a000000");
        var frame = Convert.FromHexString("ffffffffffff02000000000108060001080006040001020000000001c0a80001000000000000c0a80002");
        await File.WriteAllBytesAsync(path, [.. header, .. record, .. frame]);

        var result = await Run(path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no VXLAN packets on UDP 8472 or 4789 among 1 frames", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--overlay", "240.0.0.0/12")]
    [InlineData("--underlay", "192.168.0.0")]
    [InlineData("--port", "70000")]
    [InlineData("--loss-threshold", "0")]
    [InlineData("--loss-threshold", "101")]
    public async Task Bad_fan_options_are_usage_exit_2(string option, string value)
    {
        var result = await Run(NotesCapture, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("lxdscope: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loss_threshold_out_of_range_names_the_option_and_the_range()
    {
        var result = await Run(NotesCapture, "--loss-threshold", "0");

        Assert.Contains("--loss-threshold: the loss threshold must be above 0 % and at most 100 %", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capture_on_an_interface_that_does_not_exist_is_usage_exit_2()
    {
        var result = await Processes.RunAsync(Executable.Launcher, ["fan", "capture", "-i", "lxsfan-none0", "--duration", "00:00:01"], TimeSpan.FromMinutes(15));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("lxsfan-none0: no such capture interface", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--peers", "10.0.0.7", "not an address in the underlay 192.168.0.0/16")]
    [InlineData("--count", "0", "--count must be between 1 and 100")]
    public async Task Doctor_refuses_bad_peers_before_sending_anything(string option, string value, string expected)
    {
        var args = new List<string> { "fan", "doctor", "-i", "lxsfan-none0", "--underlay", "192.168.0.0/16", "--peers", "192.168.0.2" };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var result = await Processes.RunAsync(Executable.Launcher, args, TimeSpan.FromMinutes(15));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }
}
