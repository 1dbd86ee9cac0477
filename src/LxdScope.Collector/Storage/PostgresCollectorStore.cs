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
internal sealed partial class PostgresCollectorStore : ICollectorStore, IReportFeed, IDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly string target;
    private readonly WriteHealth health;
    private readonly RetentionPolicy retention;

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
        // Arrays: a lease round sends its clusters and their summaries as one array each.
        builder.EnableArrays();
        dataSource = builder.Build();
        health = new WriteHealth(target, logger);
        this.retention = new RetentionPolicy(retention, retentionInterval, time, target, logger);
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

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => health.IsReadyAsync(async () =>
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT version FROM lxdscope_schema", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (PostgresFailures.Reason(e) is not null)
        {
            return e.Message;
        }
    });

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

    /// <summary>Like <see cref="Guarded{T}"/>, for a reader: the connection is waited for without holding a thread.</summary>
    private async Task<T> GuardedAsync<T>(string action, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await work(connection);
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
}
