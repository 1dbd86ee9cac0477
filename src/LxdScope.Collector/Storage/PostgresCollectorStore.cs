using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LxdScope.Collector.Storage;

/// <summary>
/// The collectors' state in one PostgreSQL database shared by several collectors: the same
/// logical tables as <see cref="SqliteCollectorStore"/>, plus a feed of every accepted report in
/// one global order (<see cref="IReportFeed"/>) from which every collector derives its state.
/// </summary>
/// <remarks>
/// A pooled connection per call (PostgreSQL serves many connections; no process-wide lock as
/// with SQLite). Exactly-once rests on the primary key (agent, epoch, sequence) of
/// <c>reports</c>: the same report arriving at two collectors at once makes the second insert
/// wait for the first transaction and then find the row (ON CONFLICT DO NOTHING): a duplicate.
/// </remarks>
public sealed partial class PostgresCollectorStore : ICollectorStore, IReportFeed, IDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly string target;
    private readonly TimeSpan retention;
    private readonly int retentionInterval;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private int recordsSinceRetention;

    // Why the last write failed, until one succeeds (as in the SQLite store): a database that
    // answers reads may still refuse every report (full disk, read-only standby).
    private volatile string? writeFailure;

    public PostgresCollectorStore(IOptions<CollectorOptions> options, TimeProvider time, ILogger<PostgresCollectorStore> logger)
        : this(Checked(options).Postgres.Resolve(), options.Value.Retention, time, logger)
    {
    }

    /// <param name="retentionInterval">Old rows are deleted after every this many recorded reports (and once at start).</param>
    /// <exception cref="StoreUnavailableException">The database cannot be reached or holds a newer schema.</exception>
    internal PostgresCollectorStore(string connectionString, TimeSpan retention, TimeProvider time, ILogger logger, int retentionInterval = 1000)
    {
        var builder = new NpgsqlSlimDataSourceBuilder(connectionString);
        // Where, never with whom: the connection string may carry a password.
        target = $"PostgreSQL database {builder.ConnectionStringBuilder.Database} on {builder.ConnectionStringBuilder.Host}:{builder.ConnectionStringBuilder.Port}";
        dataSource = builder.Build();
        this.retention = retention;
        this.retentionInterval = retentionInterval;
        this.time = time;
        this.logger = logger;
        try
        {
            Migrate();
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }

        ApplyRetention();
    }

    public bool IsReady()
    {
        if (writeFailure is { } failure)
        {
            LogNotReady(logger, target, "the last write failed: " + failure);
            return false;
        }

        try
        {
            using var connection = dataSource.OpenConnection();
            using var command = new NpgsqlCommand("SELECT version FROM lxdscope_schema", connection);
            command.ExecuteScalar();
            return true;
        }
        catch (Exception e) when (PostgresFailures.Reason(e) is not null)
        {
            LogNotReady(logger, target, e.Message);
            return false;
        }
    }

    public void Dispose()
    {
        listener?.Dispose();
        dataSource.Dispose();
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection, turning availability errors into <see cref="StoreUnavailableException"/>.</summary>
    private T Guarded<T>(string action, Func<NpgsqlConnection, T> work)
    {
        try
        {
            using var connection = dataSource.OpenConnection();
            return work(connection);
        }
        catch (Exception e) when (PostgresFailures.ToUnavailable(e, target, action) is { } unavailable)
        {
            throw unavailable;
        }
    }

    /// <summary>Like <see cref="Guarded{T}"/>, in one transaction committed when <paramref name="work"/> returns.</summary>
    private T InTransaction<T>(string action, Func<NpgsqlConnection, NpgsqlTransaction, T> work) => Guarded(action, connection =>
    {
        using var transaction = connection.BeginTransaction();
        var result = work(connection, transaction);
        transaction.Commit();
        return result;
    });

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql) => new(sql, connection, transaction);

    private static CollectorOptions Checked(IOptions<CollectorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collector database {Target} is not ready: {Reason}")]
    private static partial void LogNotReady(ILogger logger, string target, string reason);
}
