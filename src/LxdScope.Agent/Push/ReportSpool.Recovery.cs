using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LxdScope.Agent.Push;

/// <summary>Opening a spool: its state file and the reports a previous run left behind.</summary>
internal sealed partial class ReportSpool
{
    /// <summary>
    /// Opens the spool in <see cref="SpoolOptions.Directory"/>, creating it when missing, and
    /// rebuilds the queue from the files there: leftover temporary files are deleted, report files
    /// that are unreadable or torn are renamed to <c>*.bad</c> (counted and logged), and a missing or
    /// unreadable state file starts a new epoch (logged).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="IOException">The directory cannot be created, read or written.</exception>
    public static ReportSpool Open(SpoolOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid spool options: " + string.Join(" ", errors), nameof(options));
        }

        logger ??= NullLogger.Instance;
        var directory = Path.GetFullPath(options.Directory);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var state = ReadState(directory, logger);
        var spool = new ReportSpool(options, logger, state ?? new SpoolState(NewEpoch(), 1, 0, 0));
        lock (spool._lock)
        {
            spool.Recover(isNewState: state is null);
        }

        return spool;
    }

    private void Recover(bool isNewState)
    {
        var leftovers = 0;
        var quarantined = 0;
        foreach (var path in Directory.EnumerateFiles(_directory))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(DurableFile.TempSuffix, StringComparison.Ordinal))
            {
                // A write that a crash interrupted before its rename: never acknowledged to anyone.
                File.Delete(path);
                leftovers++;
                continue;
            }

            if (!TryParseReportFileName(name, out var sequence))
            {
                continue;
            }

            var problem = CheckReportFile(path, out var size);
            if (problem is not null)
            {
                Quarantine(path, problem);
                quarantined++;
                continue;
            }

            _entries.Add(sequence, size);
            _bytes += size;
        }

        if (leftovers > 0)
        {
            _logger.TempFilesDeleted(leftovers, _directory);
        }

        var highest = _entries.Count > 0 ? _entries.Keys.Last() : 0;
        _highestAppended = highest;
        var state = _state with { QuarantinedTotal = _state.QuarantinedTotal + quarantined };
        if (state.NextSequence <= highest)
        {
            // New state (first start or lost state) continues above the reports found, so the files
            // keep their order; a kept state below them means it was restored from somewhere older.
            if (!isNewState)
            {
                _logger.StateBehindFiles(state.NextSequence, highest, highest + 1);
            }

            state = state with { NextSequence = highest + 1 };
        }

        WriteState(state);
        _state = state;
        DropOldest(incoming: 0, incomingBytes: 0);
        _logger.SpoolOpened(_directory, _state.Epoch, _state.NextSequence, _entries.Count, _bytes);
    }

    /// <summary>The state, or null when there is none or it cannot be used (logged): a new epoch follows.</summary>
    private static SpoolState? ReadState(string directory, ILogger logger)
    {
        var path = Path.Combine(directory, StateFileName);
        if (!File.Exists(path))
        {
            logger.StateMissing(directory);
            return null;
        }

        string? problem;
        try
        {
            var state = JsonSerializer.Deserialize(File.ReadAllBytes(path), SpoolStateJson.Default.SpoolState);
            problem = state switch
            {
                null => "it holds null",
                { Epoch.Length: 0 } => "its epoch is empty",
                { NextSequence: < 1 } => $"its next sequence is {state.NextSequence}",
                { DroppedTotal: < 0 } or { QuarantinedTotal: < 0 } => "a counter is negative",
                _ => null,
            };
            if (problem is null)
            {
                return state;
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            problem = e.Message;
        }

        // Sequence numbers cannot safely continue from a state we cannot read: a new epoch tells the
        // collector that numbering restarts. The drop and quarantine counters start again too.
        logger.StateUnreadable(path, problem);
        return null;
    }

    private void WriteState(SpoolState state) =>
        DurableFile.Write(
            Path.Combine(_directory, StateFileName),
            JsonSerializer.SerializeToUtf8Bytes(state, SpoolStateJson.Default.SpoolState));

    private static string NewEpoch() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    internal static bool TryParseReportFileName(string name, out long sequence)
    {
        sequence = 0;
        return name.Length == 19 + ReportSuffix.Length
               && name.EndsWith(ReportSuffix, StringComparison.Ordinal)
               && long.TryParse(name.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
               && sequence > 0;
    }

    /// <summary>Why the report file cannot be sent, or null when it is an intact gzip stream.</summary>
    private static string? CheckReportFile(string path, out long size)
    {
        size = 0;
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"it cannot be read: {e.Message}";
        }

        size = content.Length;
        return CheckGzip(content);
    }

    /// <summary>
    /// Decompresses the whole stream and compares its length with the gzip trailer (RFC 1952 §2.3:
    /// CRC32, then ISIZE, the length modulo 2^32). The decoder checks the CRC when it reaches the
    /// trailer, but a file cut short simply ends early without an error: ISIZE catches that.
    /// </summary>
    internal static string? CheckGzip(byte[] content)
    {
        // 10-byte header, at least an empty deflate block, 8-byte trailer.
        if (content.Length < 18 || content[0] != 0x1f || content[1] != 0x8b)
        {
            return $"it is not gzip ({content.Length} bytes)";
        }

        long decompressed = 0;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(content, writable: false), CompressionMode.Decompress);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                decompressed += read;
            }
        }
        catch (InvalidDataException e)
        {
            return $"its gzip stream is damaged: {e.Message}";
        }

        var isize = BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(content.Length - 4));
        return isize == (uint)decompressed
            ? null
            : $"it is torn: the gzip trailer says {isize} bytes, the stream holds {decompressed}";
    }

    /// <summary>Renames a report file to <c>*.bad</c> and logs why; the caller counts it.</summary>
    private void Quarantine(string path, string problem)
    {
        try
        {
            File.Move(path, path + QuarantineSuffix, overwrite: true);
        }
        catch (FileNotFoundException)
        {
            problem += "; the file has vanished";
        }

        _logger.Quarantined(path, problem);
    }
}
