using Microsoft.Extensions.Logging;

namespace LxdScope.Agent.Push;

/// <summary>Every log message of report delivery, in one place, source-generated (no boxing, AOT-safe).</summary>
internal static partial class PushLog
{
    [LoggerMessage(1, LogLevel.Information, "No spool state in {Directory}; starting a new epoch")]
    public static partial void StateMissing(this ILogger logger, string directory);

    [LoggerMessage(2, LogLevel.Warning, "Spool state {Path} is unreadable ({Problem}); starting a new epoch")]
    public static partial void StateUnreadable(this ILogger logger, string path, string problem);

    [LoggerMessage(3, LogLevel.Information, "Deleted {Count} temporary files left by an interrupted write in {Directory}")]
    public static partial void TempFilesDeleted(this ILogger logger, int count, string directory);

    [LoggerMessage(4, LogLevel.Warning, "Spool state says next sequence {Next}, but report {Highest} is on disk; continuing at {ContinueAt}")]
    public static partial void StateBehindFiles(this ILogger logger, long next, long highest, long continueAt);

    [LoggerMessage(5, LogLevel.Information, "Spool {Directory} opened: epoch {Epoch}, next sequence {Next}, {Depth} reports ({Bytes} bytes) waiting")]
    public static partial void SpoolOpened(this ILogger logger, string directory, string epoch, long next, int depth, long bytes);

    [LoggerMessage(6, LogLevel.Error, "Report {Sequence} ({Size} bytes) is larger than the whole spool ({MaxBytes} bytes); dropped it, {DroppedTotal} dropped in total")]
    public static partial void ReportTooLarge(this ILogger logger, long sequence, int size, long maxBytes, long droppedTotal);

    [LoggerMessage(7, LogLevel.Warning, "Spool full (at most {MaxReports} reports, {MaxBytes} bytes): dropped the {Dropped} oldest reports, sequences {First} to {Last} ({Freed} bytes); {DroppedTotal} dropped in total")]
    public static partial void DroppedOldest(
        this ILogger logger, int maxReports, long maxBytes, int dropped, long first, long last, long freed, long droppedTotal);

    [LoggerMessage(8, LogLevel.Error, "Quarantined report file {Path} as *.bad: {Problem}")]
    public static partial void Quarantined(this ILogger logger, string path, string problem);

    [LoggerMessage(20, LogLevel.Information, "Pushing reports to {Urls}")]
    public static partial void Pushing(this ILogger logger, string urls);

    [LoggerMessage(21, LogLevel.Error, "The collector rejected report {Sequence} for good with {Status}: {Detail}; removed it from the spool")]
    public static partial void Rejected(this ILogger logger, long sequence, int status, string detail);

    [LoggerMessage(22, LogLevel.Error, "The collector at {Url} refuses this agent's token (401); keeping the reports and retrying every {Backoff} in case the token is rotated")]
    public static partial void Unauthorized(this ILogger logger, Uri url, TimeSpan backoff);

    [LoggerMessage(23, LogLevel.Warning, "Cannot deliver report {Sequence}: {Reason}; retrying in {Delay} (logged once until the collector answers again)")]
    public static partial void DeliveryFailing(this ILogger logger, long sequence, string reason, TimeSpan delay);

    [LoggerMessage(24, LogLevel.Debug, "Cannot deliver report {Sequence}: {Reason}; {Failures} failures in a row, retrying in {Delay}")]
    public static partial void DeliveryStillFailing(this ILogger logger, long sequence, string reason, int failures, TimeSpan delay);

    [LoggerMessage(25, LogLevel.Information, "The collector answers again after {Failures} failed attempts; {Depth} reports waiting")]
    public static partial void DeliveryRecovered(this ILogger logger, int failures, int depth);

    [LoggerMessage(27, LogLevel.Warning, "The collector at {Url} failed ({Reason}); sending to {Next}")]
    public static partial void FailingOver(this ILogger logger, Uri url, string reason, Uri next);

    [LoggerMessage(28, LogLevel.Information, "Reports go to {Url} now (before: {Previous})")]
    public static partial void DeliveringTo(this ILogger logger, Uri url, Uri previous);

    [LoggerMessage(26, LogLevel.Warning, "The collector acknowledged report {Sequence} with an unreadable body ({Problem}); taking it as delivered")]
    public static partial void AcknowledgementUnreadable(this ILogger logger, long sequence, string problem);
}
