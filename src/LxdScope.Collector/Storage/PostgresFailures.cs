using Npgsql;

namespace LxdScope.Collector.Storage;

/// <summary>Which PostgreSQL errors mean "the shared database cannot take writes now", and how to say so to an operator.</summary>
internal static class PostgresFailures
{
    /// <summary>The operator-facing reason, or null when the error is a bug rather than the database's availability.</summary>
    /// <remarks>SQLSTATE classes: https://www.postgresql.org/docs/current/errcodes-appendix.html</remarks>
    public static string? Reason(Exception exception) => exception switch
    {
        PostgresException p => p.SqlState switch
        {
            "53100" => "the disk holding the PostgreSQL database is full",
            "25006" => "the PostgreSQL database is read-only (a standby, or default_transaction_read_only)",
            "40001" or "40P01" => "the PostgreSQL transaction was aborted by a conflict",
            _ when p.SqlState.StartsWith("08", StringComparison.Ordinal) => "the connection to PostgreSQL failed",
            _ when p.SqlState.StartsWith("53", StringComparison.Ordinal) => "PostgreSQL is out of resources",
            _ when p.SqlState.StartsWith("57", StringComparison.Ordinal) => "PostgreSQL is shutting down or was restarted",
            _ when p.SqlState.StartsWith("58", StringComparison.Ordinal) => "PostgreSQL reported a system error",
            _ when p.SqlState.StartsWith("28", StringComparison.Ordinal) => "PostgreSQL refused the credentials",
            _ when p.SqlState.StartsWith("3D", StringComparison.Ordinal) => "the PostgreSQL database does not exist",
            _ => null,
        },
        // Not a server error: the connection could not be made or was lost, or a pool timed out.
        NpgsqlException => "PostgreSQL cannot be reached",
        TimeoutException => "PostgreSQL did not answer in time",
        _ => null,
    };

    /// <summary>A <see cref="StoreUnavailableException"/> for an availability error, else null.</summary>
    public static StoreUnavailableException? ToUnavailable(Exception exception, string target, string action) =>
        StoreUnavailableException.When(Reason(exception), action, target, exception.Message, exception);
}
