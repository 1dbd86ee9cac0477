using Microsoft.Data.Sqlite;

namespace LxdScope.Collector.Storage;

/// <summary>Which SQLite errors mean "this store cannot take writes now", and how to say so to an operator.</summary>
internal static class SqliteFailures
{
    // https://www.sqlite.org/rescode.html — primary codes; extended codes carry them in the low byte.
    private const int Perm = 3;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoErr = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADb = 26;

    /// <summary>The operator-facing reason, or null when the error is not about the database's availability.</summary>
    public static string? Reason(SqliteException exception) => (exception.SqliteErrorCode & 0xff) switch
    {
        Full => "the disk holding the database is full",
        IoErr => "an I/O error occurred on the database file",
        ReadOnly => "the database file or its directory is read-only",
        CantOpen => "the database file cannot be opened",
        Perm => "access to the database file was denied",
        Busy or Locked => "the database is locked by another process",
        Corrupt or NotADb => "the database file is corrupt",
        _ => null,
    };

    /// <summary>A <see cref="StoreUnavailableException"/> for an availability error, else null (the error is a bug and stays as it is).</summary>
    public static StoreUnavailableException? ToUnavailable(SqliteException exception, string path, string action) =>
        StoreUnavailableException.When(Reason(exception), action, path, "SQLite: " + exception.Message, exception);
}
