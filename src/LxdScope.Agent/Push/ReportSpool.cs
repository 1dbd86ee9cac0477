using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LxdScope.Agent.Push;

/// <summary>
/// A bounded first-in, first-out queue of gzip'd reports in a directory, one file per report,
/// that survives restarts and <c>kill -9</c>. It also hands out the reports' sequence numbers.
/// </summary>
/// <remarks>
/// Thread-safe: the collection loop reserves and appends while the pusher peeks and removes. Every
/// operation holds one lock, file I/O included: the writes are a few kilobytes every few seconds,
/// and one lock keeps the files, the counters and the sequence numbers from ever disagreeing.
/// One process per directory: two agents sharing a spool would hand out the same sequences.
/// </remarks>
internal sealed partial class ReportSpool
{
    internal const string StateFileName = "state.json";
    internal const string ReportSuffix = ".json.gz";
    internal const string QuarantineSuffix = ".bad";

    private readonly Lock _lock = new();
    private readonly string _directory;
    private readonly SpoolOptions _options;
    private readonly ILogger _logger;

    // Sequence → file size. Sorted, so the oldest report is always first.
    private readonly SortedDictionary<long, long> _entries = [];
    private long _bytes;
    private long _highestAppended;
    private SpoolState _state;
    private TaskCompletionSource? _notEmpty;

    private ReportSpool(SpoolOptions options, ILogger logger, SpoolState state)
    {
        _options = options;
        _directory = Path.GetFullPath(options.Directory);
        _logger = logger;
        _state = state;
    }

    /// <summary>The current epoch: sequence numbers are unique within it.</summary>
    public string Epoch
    {
        get
        {
            lock (_lock)
            {
                return _state.Epoch;
            }
        }
    }

    /// <summary>Reports waiting.</summary>
    public int Depth
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Bytes of reports waiting (their gzip'd size).</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Reports dropped, oldest first, because the spool was full; kept across restarts.</summary>
    public long DroppedTotal
    {
        get
        {
            lock (_lock)
            {
                return _state.DroppedTotal;
            }
        }
    }

    /// <summary>Report files found unreadable or torn and renamed to <c>*.bad</c>; kept across restarts.</summary>
    public long QuarantinedTotal
    {
        get
        {
            lock (_lock)
            {
                return _state.QuarantinedTotal;
            }
        }
    }

    /// <summary>
    /// Hands out the next sequence number of the current epoch. The increment is on disk before
    /// this returns, so no crash can make a sequence number be handed out twice in one epoch.
    /// The agent uses <see cref="Add"/>, which numbers a report only once it exists; this and
    /// <see cref="Append"/> stay for the tests of numbering and storing on their own.
    /// </summary>
    /// <exception cref="IOException">The state file cannot be written; no number was handed out.</exception>
    internal (string Epoch, long Sequence) Reserve()
    {
        lock (_lock)
        {
            var sequence = _state.NextSequence;
            var next = _state with { NextSequence = sequence + 1 };
            WriteState(next);
            _state = next;
            return (next.Epoch, sequence);
        }
    }

    /// <summary>
    /// Numbers a finished report and stores it, in one step: <paramref name="encode"/> gets the
    /// epoch and the next sequence number and returns the gzip'd report. The report's file is on
    /// disk before its number is, so a crash at any moment leaves either no trace or a stored
    /// report (which recovery continues above) — never a number handed out without its report,
    /// a gap the collector could not tell from a lost report. (Reserving first and collecting
    /// afterwards left such a gap whenever the agent died during a collection.)
    /// </summary>
    /// <returns>The report's sequence number.</returns>
    /// <exception cref="IOException">The disk failed; the report may not be stored.</exception>
    public long Add(Func<string, long, byte[]> encode)
    {
        ArgumentNullException.ThrowIfNull(encode);
        lock (_lock)
        {
            var sequence = _state.NextSequence;
            var gzippedReport = encode(_state.Epoch, sequence);
            // In memory first, on disk after the report's file (StoreLocked writes the state only
            // when it drops something, and then after the file too).
            var highest = _highestAppended;
            _state = _state with { NextSequence = sequence + 1 };
            try
            {
                StoreLocked(sequence, gzippedReport);
                WriteState(_state);
            }
            catch (IOException)
            {
                // Not stored (or stored with its number not on disk, which recovery continues
                // above): the number goes to the next report.
                _state = _state with { NextSequence = sequence };
                _highestAppended = highest;
                throw;
            }

            return sequence;
        }
    }

    /// <summary>
    /// Stores one gzip'd report durably under its sequence number. Append in the order the numbers
    /// were reserved: the collector takes a number at or below one it has seen as a duplicate.
    /// When the spool is full, the oldest reports are dropped (counted and logged) to make room.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The sequence was not reserved, or is not above every one appended.</exception>
    /// <exception cref="IOException">The disk failed; the report may not be stored.</exception>
    internal void Append(long sequence, ReadOnlySpan<byte> gzippedReport)
    {
        lock (_lock)
        {
            if (sequence >= _state.NextSequence)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(sequence), sequence, $"Sequence {sequence} was not reserved (next is {_state.NextSequence}).");
            }

            if (sequence <= _highestAppended)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(sequence), sequence, $"Sequence {sequence} is not above {_highestAppended}, the last appended: the collector would take it as a duplicate.");
            }

            StoreLocked(sequence, gzippedReport);
        }
    }

    private void StoreLocked(long sequence, ReadOnlySpan<byte> gzippedReport)
    {
        _highestAppended = sequence;
        if (gzippedReport.Length > _options.MaxBytes)
        {
            // Dropping older reports would not make room for it.
            _state = _state with { DroppedTotal = _state.DroppedTotal + 1 };
            WriteState(_state);
            _logger.ReportTooLarge(sequence, gzippedReport.Length, _options.MaxBytes, _state.DroppedTotal);
            return;
        }

        // Written before anything is dropped: when the disk is full, the older reports stay.
        DurableFile.Write(ReportPath(sequence), gzippedReport);
        DropOldest(incoming: 1, incomingBytes: gzippedReport.Length);
        _entries.Add(sequence, gzippedReport.Length);
        _bytes += gzippedReport.Length;
        _notEmpty?.TrySetResult();
        _notEmpty = null;
    }

    /// <summary>
    /// The oldest waiting report, read from disk, or false when none waits. It stays in the spool
    /// until <see cref="Remove"/>. A file that cannot be read is quarantined and the next one tried.
    /// </summary>
    public bool TryPeekOldest([NotNullWhen(true)] out SpooledReport? report)
    {
        lock (_lock)
        {
            while (_entries.Count > 0)
            {
                var sequence = _entries.Keys.First();
                byte[] content;
                try
                {
                    content = File.ReadAllBytes(ReportPath(sequence));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Forget(sequence);
                    Quarantine(ReportPath(sequence), $"it cannot be read: {e.Message}");
                    _state = _state with { QuarantinedTotal = _state.QuarantinedTotal + 1 };
                    WriteState(_state);
                    continue;
                }

                report = new SpooledReport(sequence, content);
                return true;
            }

            report = null;
            return false;
        }
    }

    /// <summary>
    /// Deletes a report the collector acknowledged or rejected for good. Nothing happens when it is
    /// gone already (dropped meanwhile because the spool was full).
    /// </summary>
    public void Remove(SpooledReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_lock)
        {
            if (Forget(report.Sequence))
            {
                // No directory fsync: should the deletion be lost in a crash, the report is sent
                // again and the collector answers "duplicate".
                File.Delete(ReportPath(report.Sequence));
            }
        }
    }

    /// <summary>Completes as soon as a report waits, without polling.</summary>
    public Task WaitUntilNotEmptyAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_entries.Count > 0)
            {
                return Task.CompletedTask;
            }

            _notEmpty ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _notEmpty.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Drops the oldest reports until <paramref name="incoming"/> more reports of <paramref name="incomingBytes"/> fit.</summary>
    private void DropOldest(int incoming, long incomingBytes)
    {
        var dropped = 0;
        long first = 0, last = 0, freed = 0;
        while (_entries.Count > 0
               && (_entries.Count + incoming > _options.MaxReports || _bytes + incomingBytes > _options.MaxBytes))
        {
            var (sequence, size) = _entries.First();
            Forget(sequence);
            File.Delete(ReportPath(sequence));
            first = dropped == 0 ? sequence : first;
            last = sequence;
            freed += size;
            dropped++;
        }

        if (dropped == 0)
        {
            return;
        }

        _state = _state with { DroppedTotal = _state.DroppedTotal + dropped };
        WriteState(_state);
        _logger.DroppedOldest(_options.MaxReports, _options.MaxBytes, dropped, first, last, freed, _state.DroppedTotal);
    }

    private bool Forget(long sequence)
    {
        if (!_entries.Remove(sequence, out var size))
        {
            return false;
        }

        _bytes -= size;
        return true;
    }

    private string ReportPath(long sequence) => Path.Combine(_directory, ReportFileName(sequence));

    /// <summary>Zero-padded, so the names sort as the sequence numbers do.</summary>
    internal static string ReportFileName(long sequence) =>
        sequence.ToString("D19", CultureInfo.InvariantCulture) + ReportSuffix;
}
