using System.Diagnostics;
using System.Globalization;

namespace LxdScope.Bench.IngestLoad;

/// <summary>What a collector's database holds, read read-only with the sqlite3 shell (the collector may be running).</summary>
public static class StoredReports
{
    /// <summary>Every (agent, epoch, sequence) of one epoch in the reports log.</summary>
    public static async Task<IReadOnlyList<AckedReport>> OfEpochAsync(string databasePath, string epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        if (epoch.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            throw new ArgumentException("an epoch of letters, digits and dashes is expected", nameof(epoch));
        }

        var lines = await QueryAsync(databasePath, $"SELECT agent_id, epoch, sequence FROM reports WHERE epoch = '{epoch}' ORDER BY agent_id, sequence");
        return lines.Select(l => l.Split('|')).Select(p => new AckedReport(p[0], p[1], long.Parse(p[2], CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>Runs one query; each row as a line, columns separated by '|'.</summary>
    /// <exception cref="InvalidOperationException">sqlite3 failed; the message holds its error.</exception>
    public static async Task<IReadOnlyList<string>> QueryAsync(string databasePath, string sql)
    {
        var info = new ProcessStartInfo("sqlite3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-readonly", "-cmd", ".timeout 5000", databasePath, sql })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start sqlite3");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"sqlite3 {databasePath} \"{sql}\" failed: {await stderr}");
        }

        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The acknowledged reports the database does not hold (empty: none lost).</summary>
    public static async Task<IReadOnlyList<AckedReport>> MissingAsync(string databasePath, LoadResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var stored = (await OfEpochAsync(databasePath, run.Options.Epoch)).ToHashSet();
        return run.Acked.Where(a => !stored.Contains(a)).ToList();
    }
}
