namespace LxdScope.Collector.Storage;

/// <summary>The shared PostgreSQL database (configuration section <c>Collector:Postgres</c>), used when <c>Collector:Storage</c> is <c>postgres</c>.</summary>
internal sealed class PostgresOptions
{
    /// <summary>
    /// An Npgsql connection string. It holds a password: set it through
    /// <c>LXDSCOPE_Collector__Postgres__ConnectionString</c> or <see cref="ConnectionStringFile"/>
    /// rather than in a world-readable file. It is never logged.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>A file holding the connection string (its first line), read at start.</summary>
    public string? ConnectionStringFile { get; set; }

    /// <summary>How long a follower waits for a notification before it polls for reports stored by other collectors.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the collectors sharing the database share out the clusters among them.</summary>
    public Partition.PartitionOptions Partition { get; } = new();

    /// <summary>The connection string from <see cref="ConnectionString"/> or, when that is empty, <see cref="ConnectionStringFile"/>.</summary>
    /// <exception cref="InvalidOperationException">Neither is set, or the file cannot be read.</exception>
    public string Resolve()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }

        if (string.IsNullOrWhiteSpace(ConnectionStringFile))
        {
            throw new InvalidOperationException("Collector:Postgres:ConnectionString or Collector:Postgres:ConnectionStringFile must be set when Collector:Storage is postgres.");
        }

        try
        {
            var text = File.ReadLines(ConnectionStringFile).FirstOrDefault()?.Trim();
            return string.IsNullOrEmpty(text)
                ? throw new InvalidOperationException($"Collector:Postgres:ConnectionStringFile {ConnectionStringFile} is empty.")
                : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Collector:Postgres:ConnectionStringFile {ConnectionStringFile} cannot be read: {e.Message}", e);
        }
    }

    internal void Validate(List<string> failures)
    {
        string connectionString;
        try
        {
            connectionString = Resolve();
        }
        catch (InvalidOperationException e)
        {
            failures.Add(e.Message);
            return;
        }

        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Npgsql's message may quote the value, and the value may be a password.
            failures.Add("Collector:Postgres:ConnectionString is not a valid Npgsql connection string (check its keywords and values).");
        }

        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("Collector:Postgres:PollInterval must be between 0 and 1 minute (for example 00:00:01).");
        }

        Partition.Validate(failures);
    }
}
