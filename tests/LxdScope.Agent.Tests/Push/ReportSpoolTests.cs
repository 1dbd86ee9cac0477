using LxdScope.Agent.Push;
using Microsoft.Extensions.Logging;

namespace LxdScope.Agent.Tests.Push;

public sealed class ReportSpoolTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ListLogger _log = new();

    public void Dispose() => _dir.Dispose();

    private ReportSpool Open(int maxReports = 8_640, long maxBytes = 256L * 1024 * 1024) =>
        ReportSpool.Open(new SpoolOptions { Directory = _dir.Path, MaxReports = maxReports, MaxBytes = maxBytes }, _log);

    private static List<long> Drain(ReportSpool spool)
    {
        var sequences = new List<long>();
        while (spool.TryPeekOldest(out var report))
        {
            sequences.Add(report.Sequence);
            spool.Remove(report);
        }

        return sequences;
    }

    [Fact]
    public void Sequences_increase_by_one_and_continue_after_a_reopen()
    {
        var first = Open();
        var a = first.Reserve();
        var b = first.Reserve();

        // No Dispose, no flush: a crash right after Reserve returned.
        var second = Open();
        var c = second.Reserve();

        Assert.Equal(1, a.Sequence);
        Assert.Equal(2, b.Sequence);
        Assert.Equal(3, c.Sequence);
        Assert.Equal(a.Epoch, c.Epoch);
        Assert.Equal(32, a.Epoch.Length);
    }

    [Fact]
    public void Add_numbers_each_report_when_it_is_stored_and_continues_after_a_reopen()
    {
        var first = Open();
        var seen = new List<(string Epoch, long Sequence)>();
        byte[] Encode(string epoch, long sequence)
        {
            seen.Add((epoch, sequence));
            return ReportEncoding.Gzip(TestReports.Make(epoch, sequence));
        }

        Assert.Equal(1, first.Add(Encode));
        Assert.Equal(2, first.Add(Encode));
        var second = Open(); // no Dispose: a crash right after Add returned
        Assert.Equal(3, second.Add(Encode));

        Assert.Equal([1L, 2L, 3L], seen.Select(s => s.Sequence));
        Assert.Single(seen.Select(s => s.Epoch).Distinct());
        Assert.Equal(first.Epoch, seen[0].Epoch);
        Assert.Equal([1L, 2L, 3L], Drain(second));
    }

    [Fact]
    public void A_report_that_could_not_be_encoded_leaves_no_gap()
    {
        var spool = Open();

        Assert.Throws<IOException>(() => spool.Add((_, _) => throw new IOException("collection failed")));

        Assert.Equal(1, spool.AppendNext());
        Assert.Equal(2, Open().AppendNext());
    }

    [Fact]
    public void Reserved_but_never_appended_sequences_are_not_handed_out_again()
    {
        var spool = Open();
        spool.AppendNext();
        spool.Reserve();
        spool.Reserve();

        Assert.Equal(4, Open().Reserve().Sequence);
    }

    [Fact]
    public void A_corrupt_state_file_starts_a_new_epoch_above_the_waiting_reports_and_says_so()
    {
        var first = Open();
        var oldEpoch = first.Epoch;
        first.AppendMany(3);
        File.WriteAllText(_dir.File(ReportSpool.StateFileName), "{\"epoch\": \"abc\", \"next_seq");

        var second = Open();
        var (epoch, sequence) = second.Reserve();

        Assert.NotEqual(oldEpoch, epoch);
        Assert.Equal(4, sequence);
        Assert.Equal(3, second.Depth);
        var warning = Assert.Single(_log.WithEvent(2));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("new epoch", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"epoch\":\"\",\"next_sequence\":5,\"dropped_total\":0,\"quarantined_total\":0}")]
    [InlineData("{\"epoch\":\"e\",\"next_sequence\":0,\"dropped_total\":0,\"quarantined_total\":0}")]
    [InlineData("{\"epoch\":\"e\",\"dropped_total\":0,\"quarantined_total\":0}")]
    [InlineData("{\"epoch\":null,\"next_sequence\":5,\"dropped_total\":0,\"quarantined_total\":0}")]
    public void Unusable_state_starts_a_new_epoch(string json)
    {
        Directory.CreateDirectory(_dir.Path);
        File.WriteAllText(_dir.File(ReportSpool.StateFileName), json);

        var spool = Open();

        Assert.NotEqual("e", spool.Epoch);
        Assert.Equal(1, spool.Reserve().Sequence);
        Assert.Single(_log.WithEvent(2));
    }

    [Fact]
    public void State_is_kept_as_readable_json()
    {
        var spool = Open();
        spool.Reserve();

        var json = File.ReadAllText(_dir.File(ReportSpool.StateFileName));

        Assert.Contains($"\"epoch\": \"{spool.Epoch}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"next_sequence\": 2", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_come_out_oldest_first_and_leave_only_when_removed()
    {
        var spool = Open();
        var appended = spool.AppendMany(5);

        Assert.True(spool.TryPeekOldest(out var peeked));
        Assert.True(spool.TryPeekOldest(out var again));
        Assert.Equal(appended[0], peeked.Sequence);
        Assert.Equal(peeked.Sequence, again.Sequence);
        Assert.Equal(5, spool.Depth);
        Assert.Equal(appended, Drain(spool));
        Assert.Equal(0, spool.Depth);
        Assert.Equal(0, spool.Bytes);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*" + ReportSpool.ReportSuffix));
    }

    [Fact]
    public void Peeked_content_is_what_was_appended_and_bytes_count_it()
    {
        var spool = Open();
        var (epoch, sequence) = spool.Reserve();
        var body = ReportEncoding.Gzip(TestReports.Make(epoch, sequence));
        spool.Append(sequence, body);

        Assert.True(spool.TryPeekOldest(out var report));
        Assert.Equal(body, report.Content.ToArray());
        Assert.Equal(body.Length, spool.Bytes);
        Assert.True(File.Exists(_dir.File(ReportSpool.ReportFileName(sequence))));
    }

    [Fact]
    public void Report_file_names_sort_as_their_sequences()
    {
        var names = new long[] { 9, 10, 99, 100, 12345678901 }.Select(ReportSpool.ReportFileName).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal("0000000000000000010.json.gz", names[1]);
    }

    [Fact]
    public void Append_refuses_sequences_not_reserved_or_not_above_the_last_appended()
    {
        var spool = Open();
        var (epoch, first) = spool.Reserve();
        var (_, second) = spool.Reserve();
        var body = ReportEncoding.Gzip(TestReports.Make(epoch, second));
        spool.Append(second, body);

        Assert.Throws<ArgumentOutOfRangeException>(() => spool.Append(first, body));
        Assert.Throws<ArgumentOutOfRangeException>(() => spool.Append(second, body));
        Assert.Throws<ArgumentOutOfRangeException>(() => spool.Append(second + 1, body));
        Assert.Equal(1, spool.Depth);
    }

    [Fact]
    public void A_full_spool_drops_the_oldest_counts_them_and_remembers_the_count_after_a_reopen()
    {
        var spool = Open(maxReports: 3);
        spool.AppendMany(5);

        Assert.Equal(3, spool.Depth);
        Assert.Equal(2, spool.DroppedTotal);
        var drops = _log.WithEvent(7);
        Assert.Equal(2, drops.Count);
        Assert.All(drops, d => Assert.Equal(LogLevel.Warning, d.Level));

        var reopened = Open(maxReports: 3);
        Assert.Equal(2, reopened.DroppedTotal);
        Assert.Equal([3L, 4, 5], Drain(reopened));
    }

    [Fact]
    public void The_byte_limit_drops_as_many_of_the_oldest_as_needed_in_one_logged_batch()
    {
        var probe = ReportEncoding.Gzip(TestReports.Make("e", 1)).Length;
        var spool = Open(maxBytes: probe * 8L);
        spool.AppendMany(6);
        Assert.Equal(0, spool.DroppedTotal);
        var (epoch, sequence) = spool.Reserve();
        var noise = new byte[2 * probe];
        new Random(7).NextBytes(noise);
        var incompressible = Convert.ToHexString(noise);
        var big = ReportEncoding.Gzip(TestReports.Make(epoch, sequence) with { Member = incompressible });

        spool.Append(sequence, big);

        Assert.InRange(big.Length, 3 * probe, 8 * probe);
        Assert.True(spool.Bytes <= probe * 8L);
        Assert.InRange(spool.DroppedTotal, 2, 5);
        Assert.Equal(7 - spool.DroppedTotal, spool.Depth);
        var batch = Assert.Single(_log.WithEvent(7)).Message;
        Assert.Contains($"dropped the {spool.DroppedTotal} oldest reports, sequences 1 to {spool.DroppedTotal}", batch, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_larger_than_the_whole_spool_is_dropped_and_the_others_kept()
    {
        var spool = Open(maxBytes: 2000);
        spool.AppendMany(2);
        var (_, sequence) = spool.Reserve();

        spool.Append(sequence, new byte[2001]);

        Assert.Equal(2, spool.Depth);
        Assert.Equal(1, spool.DroppedTotal);
        Assert.Equal(LogLevel.Error, Assert.Single(_log.WithEvent(6)).Level);
    }

    [Fact]
    public void Smaller_limits_on_reopen_drop_the_oldest_at_once()
    {
        Open().AppendMany(5);

        var spool = Open(maxReports: 2);

        Assert.Equal(2, spool.Depth);
        Assert.Equal(3, spool.DroppedTotal);
        Assert.Equal([4L, 5], Drain(spool));
    }

    [Fact]
    public void On_open_torn_report_files_are_quarantined_and_counted_and_leftover_temp_files_deleted()
    {
        Open().AppendMany(4);
        var torn = _dir.File(ReportSpool.ReportFileName(2));
        var bytes = File.ReadAllBytes(torn);
        File.WriteAllBytes(torn, bytes[..(bytes.Length / 2)]);
        File.WriteAllBytes(_dir.File(ReportSpool.ReportFileName(3)), []);
        File.WriteAllBytes(_dir.File(ReportSpool.ReportFileName(5) + ".tmp"), bytes[..10]);
        File.WriteAllText(_dir.File(ReportSpool.StateFileName + ".tmp"), "{\"ep");
        File.WriteAllText(_dir.File("notes.txt"), "not ours");

        var spool = Open();

        Assert.Equal([1L, 4], Drain(spool));
        Assert.Equal(2, spool.QuarantinedTotal);
        Assert.True(File.Exists(torn + ".bad"));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
        Assert.True(File.Exists(_dir.File("notes.txt")));
        Assert.Equal(2, _log.WithEvent(8).Count);
        Assert.Single(_log.WithEvent(3));
        Assert.Equal(2, Open().QuarantinedTotal);
        Assert.Equal(5, spool.Reserve().Sequence);
    }

    [Fact]
    public void A_report_file_that_vanishes_while_waiting_is_counted_and_skipped()
    {
        var spool = Open();
        spool.AppendMany(3);
        File.Delete(_dir.File(ReportSpool.ReportFileName(1)));

        Assert.True(spool.TryPeekOldest(out var report));

        Assert.Equal(2, report.Sequence);
        Assert.Equal(1, spool.QuarantinedTotal);
        Assert.Equal(2, spool.Depth);
    }

    [Fact]
    public void Every_truncation_of_a_gzip_stream_is_detected()
    {
        var gzip = ReportEncoding.Gzip(TestReports.Make("e", 1));

        Assert.Null(ReportSpool.CheckGzip(gzip));
        for (var length = 0; length < gzip.Length; length++)
        {
            Assert.NotNull(ReportSpool.CheckGzip(gzip[..length]));
        }
    }

    [Fact]
    public void A_flipped_bit_in_a_gzip_stream_is_detected()
    {
        var gzip = ReportEncoding.Gzip(TestReports.Make("e", 1));
        gzip[^6] ^= 0x01;

        Assert.Contains("damaged", ReportSpool.CheckGzip(gzip), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_a_report_ends_when_one_is_appended()
    {
        var spool = Open();
        var wait = spool.WaitUntilNotEmptyAsync(CancellationToken.None);
        await Task.Delay(20);
        Assert.False(wait.IsCompleted);

        spool.AppendNext();

        await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(spool.WaitUntilNotEmptyAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Waiting_for_a_report_can_be_cancelled()
    {
        var spool = Open();
        using var cts = new CancellationTokenSource();
        var wait = spool.WaitUntilNotEmptyAsync(cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task Concurrent_appends_and_drains_lose_nothing_and_keep_order()
    {
        var spool = Open();
        var received = new List<long>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var drainer = Task.Run(async () =>
        {
            while (received.Count < 200)
            {
                await spool.WaitUntilNotEmptyAsync(cts.Token);
                Assert.True(spool.TryPeekOldest(out var report));
                received.Add(report.Sequence);
                spool.Remove(report);
            }
        });

        var appended = await Task.Run(() => spool.AppendMany(200));
        await drainer;

        Assert.Equal(appended, received);
    }

    [Fact]
    public void Invalid_options_are_refused_with_every_reason()
    {
        var options = new SpoolOptions { Directory = " ", MaxReports = 0, MaxBytes = -1 };

        Assert.Equal(3, options.Validate().Count);
        Assert.Throws<ArgumentException>(() => ReportSpool.Open(options));
        Assert.Empty(new SpoolOptions { Directory = "/var/lib/lxdscope/spool" }.Validate());
    }

    [Fact]
    public void The_directory_is_created_private_when_missing()
    {
        var path = _dir.File("sub/spool");

        ReportSpool.Open(new SpoolOptions { Directory = path });

        Assert.True(File.Exists(Path.Combine(path, ReportSpool.StateFileName)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
        }
    }
}
