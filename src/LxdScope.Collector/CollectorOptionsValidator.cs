using System.Globalization;
using LxdScope.Lxd.Safety;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector;

/// <summary>Refuses a configuration the collector could not run with, at start rather than at the first report.</summary>
public sealed class CollectorOptionsValidator : IValidateOptions<CollectorOptions>
{
    // Reports and their decompressed JSON are held in one array each.
    private const long MaxBufferBytes = 1L << 30;

    public ValidateOptionsResult Validate(string? name, CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Storage == StorageKinds.Sqlite && string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            failures.Add("Collector:DatabasePath must name a file.");
        }
        else if (options.Storage == StorageKinds.Sqlite)
        {
            CheckOutputPath(failures, options.DatabasePath);
        }
        else if (options.Storage == StorageKinds.Postgres)
        {
            ValidatePostgres(failures, options.Postgres);
        }
        else if (options.Storage is not StorageKinds.Sqlite)
        {
            failures.Add($"Collector:Storage must be {StorageKinds.Sqlite} or {StorageKinds.Postgres}, not \"{options.Storage}\".");
        }

        CheckBytes(failures, nameof(options.MaxReportBytes), options.MaxReportBytes);
        CheckBytes(failures, nameof(options.MaxDecompressedBytes), options.MaxDecompressedBytes);
        if (options.MaxClockSkew <= TimeSpan.Zero)
        {
            failures.Add("Collector:MaxClockSkew must be positive (for example 00:05:00).");
        }

        if (options.Retention <= TimeSpan.Zero)
        {
            failures.Add("Collector:Retention must be positive (for example 7.00:00:00).");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Tokens.Count; i++)
        {
            // The hash is never echoed back: an index is enough to find the entry.
            var token = options.Tokens[i];
            if (string.IsNullOrWhiteSpace(token.Cluster))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Collector:Tokens:{i}:Cluster must not be empty."));
            }

            if (!IsSha256Hex(token.Sha256))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Collector:Tokens:{i}:Sha256 must be 64 hex digits (the SHA-256 of the token, not the token)."));
            }
            else if (!seen.Add(token.Sha256))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Collector:Tokens:{i}:Sha256 repeats an earlier entry; a token must belong to one cluster."));
            }
        }

        ValidateConsole(failures, options.Console, seen);
        ValidateUsers(failures, "Collector:Viewers:Tokens", options.Viewers.Tokens.Select(t => (t.Name, t.Sha256)).ToList(), seen,
            options.Console.Tokens.Select(t => t.Sha256).ToHashSet(StringComparer.OrdinalIgnoreCase));
        ValidateCertificates(failures, options.AgentCertificates);
        ValidateRate(failures, "Ingest", options.RateLimits.Ingest);
        ValidateRate(failures, "Api", options.RateLimits.Api);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateCertificates(List<string> failures, AgentCertificatesOptions certificates)
    {
        if (!Enum.IsDefined(certificates.Mode))
        {
            failures.Add("Collector:AgentCertificates:Mode must be Off, Accepted or Required.");
        }

        for (var i = 0; i < certificates.Trusted.Count; i++)
        {
            var trusted = certificates.Trusted[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"Collector:AgentCertificates:Trusted:{i}");
            if (string.IsNullOrWhiteSpace(trusted.Cluster))
            {
                failures.Add(at + ":Cluster must not be empty.");
            }

            if (trusted.Sha256 is { Length: > 0 } pinned)
            {
                if (Auth.AgentCertificates.ParseThumbprint(pinned) is null)
                {
                    failures.Add(at + ":Sha256 must be the certificate's SHA-256 fingerprint, 64 hex digits (colons allowed).");
                }
            }
            else if (string.IsNullOrWhiteSpace(trusted.IssuerFile) || string.IsNullOrWhiteSpace(trusted.Subject))
            {
                failures.Add(at + " needs Sha256, or IssuerFile and Subject.");
            }
            else if (!File.Exists(trusted.IssuerFile))
            {
                failures.Add(at + ":IssuerFile " + trusted.IssuerFile + " does not exist.");
            }
        }
    }

    private static void ValidateRate(List<string> failures, string name, RateLimitOptions rate)
    {
        if (rate.Burst < 1 || rate.PerSecond < 1)
        {
            failures.Add($"Collector:RateLimits:{name}:Burst and PerSecond must be at least 1.");
        }
    }

    private static void ValidatePostgres(List<string> failures, PostgresOptions postgres)
    {
        string connectionString;
        try
        {
            connectionString = postgres.Resolve();
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

        if (postgres.PollInterval <= TimeSpan.Zero || postgres.PollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("Collector:Postgres:PollInterval must be between 0 and 1 minute (for example 00:00:01).");
        }
    }

    private static void ValidateConsole(List<string> failures, ConsoleOptions console, HashSet<string> agentHashes)
    {
        ValidateUsers(failures, "Collector:Console:Tokens", console.Tokens.Select(t => (t.Name, t.Sha256)).ToList(), agentHashes, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        if (console.QueryTimeout <= TimeSpan.Zero || console.QueryTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("Collector:Console:QueryTimeout must be between 0 and 5 minutes (for example 00:00:01).");
        }

        if (console.MaxRows is < 1 or > 1_000_000)
        {
            failures.Add("Collector:Console:MaxRows must be between 1 and 1000000.");
        }

        if (console.MaxResultBytes is < 1024 or > 256 * 1024 * 1024)
        {
            failures.Add("Collector:Console:MaxResultBytes must be between 1024 and 268435456.");
        }

        if (console.MaxConcurrentQueries is < 1 or > 64)
        {
            failures.Add("Collector:Console:MaxConcurrentQueries must be between 1 and 64.");
        }

        if (console.MaxQueryLength is < 16 or > 1024 * 1024)
        {
            failures.Add("Collector:Console:MaxQueryLength must be between 16 and 1048576.");
        }

        if (console.StaleAfter <= TimeSpan.Zero)
        {
            failures.Add("Collector:Console:StaleAfter must be positive (for example 00:03:00).");
        }
    }

    /// <summary>
    /// Console users and viewers are configured alike: a name and the SHA-256 of their token, a
    /// token that is no agent's (and, for viewers, no console user's: one token, one user).
    /// </summary>
    private static void ValidateUsers(List<string> failures, string at, List<(string Name, string Sha256)> users, HashSet<string> agentHashes, HashSet<string> otherUsers)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < users.Count; i++)
        {
            var (name, sha256) = users[i];
            var entry = string.Create(CultureInfo.InvariantCulture, $"{at}:{i}");
            if (string.IsNullOrWhiteSpace(name))
            {
                failures.Add(entry + ":Name must not be empty.");
            }

            if (!IsSha256Hex(sha256))
            {
                failures.Add(entry + ":Sha256 must be 64 hex digits (the SHA-256 of the token, not the token).");
            }
            else if (agentHashes.Contains(sha256))
            {
                failures.Add(entry + ":Sha256 is also an agent token; agent tokens only push reports, give this user a token of their own.");
            }
            else if (otherUsers.Contains(sha256))
            {
                failures.Add(entry + ":Sha256 is also a console token; a console token reads already, give the viewer a token of their own.");
            }
            else if (!seen.Add(sha256))
            {
                failures.Add(entry + ":Sha256 repeats an earlier entry; a token must name one user.");
            }
        }
    }

    private static void CheckOutputPath(List<string> failures, string path)
    {
        try
        {
            OutputPathGuard.Check(path, "Collector:DatabasePath");
        }
        catch (OutputPathRefusedException e)
        {
            failures.Add(e.Message);
        }
    }

    internal static bool IsSha256Hex(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);

    private static void CheckBytes(List<string> failures, string name, long value)
    {
        if (value is <= 0 or > MaxBufferBytes)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Collector:{name} must be between 1 and {MaxBufferBytes} bytes."));
        }
    }
}
