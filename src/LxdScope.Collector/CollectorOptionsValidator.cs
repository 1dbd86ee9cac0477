using System.Globalization;
using LxdScope.Collector.Auth;
using LxdScope.Collector.Http;
using LxdScope.Collector.Sql;
using LxdScope.Collector.Storage;
using LxdScope.Lxd.Safety;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector;

/// <summary>
/// Refuses a configuration the collector could not run with, at start rather than at the first
/// report. Each feature checks its own section (its options' Validate, next to the feature); this
/// checks the rest and collects every failure.
/// </summary>
internal sealed class CollectorOptionsValidator : IValidateOptions<CollectorOptions>
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
            options.Postgres.Validate(failures);
        }
        else if (options.Storage is not StorageKinds.Sqlite)
        {
            failures.Add($"Collector:Storage must be {StorageKinds.Sqlite} or {StorageKinds.Postgres}, not \"{options.Storage}\".");
        }

        if (options.Storage != StorageKinds.Postgres && options.Postgres.Partition.Enabled)
        {
            failures.Add("Collector:Postgres:Partition:Enabled needs Collector:Storage postgres: clusters are shared out among the collectors of one PostgreSQL database.");
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

        var agentHashes = AgentTokenOptions.Validate(failures, options.Tokens);
        options.Console.Validate(failures, agentHashes);
        options.Viewers.Validate(failures, agentHashes, options.Console.Tokens.Select(t => t.Sha256).ToHashSet(StringComparer.OrdinalIgnoreCase));
        options.AgentCertificates.Validate(failures);
        options.RateLimits.Validate(failures);
        options.GroupCommit.Validate(failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
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

    private static void CheckBytes(List<string> failures, string name, long value)
    {
        if (value is <= 0 or > MaxBufferBytes)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Collector:{name} must be between 1 and {MaxBufferBytes} bytes."));
        }
    }
}
