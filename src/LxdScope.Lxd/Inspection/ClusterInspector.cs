using LxdScope.Lxd.Api;
using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Global;
using LxdScope.Lxd.Health;
using LxdScope.Lxd.Local;
using LxdScope.Lxd.Network;
using LxdScope.Lxd.Raft;
using LxdScope.Lxd.Sqlite;
using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Inspection;

/// <summary>
/// Builds a <see cref="ClusterReport"/> from everything one host can see, in parallel and under
/// deadlines: local.db, the raft files, TCP probes of the members, and LXD's API. When LXD or
/// its database does not answer, the report still comes back, from the files and probes, and
/// says so.
/// </summary>
public static class ClusterInspector
{
    /// <summary>When the probes already show that quorum cannot exist, LXD gets only this long.</summary>
    private static readonly TimeSpan NoQuorumGrace = TimeSpan.FromMilliseconds(300);

    public static async Task<ClusterReport> InspectAsync(
        LxdDirectory dir, InspectOptions options, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dir);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var errors = new List<string>();
        using var client = new LxdSocketClient(dir.SocketPath, options.LiveTimeout);
        var serverTask = client.GetServerAsync(ct);
        var liveTask = ReadLiveAsync(client, serverTask, dir, ct);
        var localTask = Task.Run(() => LocalDatabase.Read(dir.LocalDatabasePath), ct);
        var filesTask = Task.Run(() => RaftFilesReader.Read(dir.GlobalDirectory, clock.GetUtcNow()), ct);

        // Probes start from raft_nodes as soon as local.db is read (a millisecond); the raft files
        // take longer (every segment's checksums) and may name members raft_nodes lacks.
        var local = await Capture(localTask, "local.db", errors);
        var probesTask = ProbeAsync(local?.RaftNodes.Select(n => n.Address) ?? [], options.ConnectTimeout, ct);
        var files = await Capture(filesTask, "raft files", errors);
        var raftServers = RaftServers(files, local);
        var probes = await probesTask;
        await ProbeMoreAsync(probes, raftServers.Select(s => s.Address), options.ConnectTimeout, ct);

        var voters = raftServers.Where(s => s.Role == RaftRole.Voter).ToList();
        var reachableVoters = voters.Count(v => probes.TryGetValue(v.Address, out var p) && p.Reachable);
        var quorumImpossible = voters.Count > 0 && reachableVoters <= voters.Count / 2;
        var liveDeadline = quorumImpossible ? NoQuorumGrace : options.LiveTimeout + TimeSpan.FromMilliseconds(500);

        var server = await Capture(WithDeadline(serverTask, liveDeadline), "LXD API", errors);
        var live = server is null ? null : await Capture(WithDeadline(liveTask, liveDeadline), "global database", errors);
        if (live is not null)
        {
            await ProbeMoreAsync(probes, live.Global.Members.Select(m => m.Address), options.ConnectTimeout, ct);
        }

        if (live is not null)
        {
            var builder = new ReportBuilder(dir, local, files, server, raftServers, probes, clock.GetUtcNow(), errors);
            return builder.FromLive(live);
        }

        var rebuilt = files is null ? null : await ReadFromFilesAsync(dir, options.RebuildTimeout, errors, ct);
        if (rebuilt is not null)
        {
            await ProbeMoreAsync(probes, rebuilt.Value.Global.Members.Select(m => m.Address), options.ConnectTimeout, ct);
        }

        return new ReportBuilder(dir, local, files, server, raftServers, probes, clock.GetUtcNow(), errors).FromFiles(rebuilt?.Global, rebuilt?.Report);
    }

    /// <summary>The global database rebuilt from this member's raft files, or null (and why in the errors).</summary>
    /// <remarks>Bounded by <paramref name="limit"/> so that inspect keeps its deadline on a huge database.</remarks>
    private static async Task<(GlobalSnapshot Global, GlobalFromFilesReport Report)?> ReadFromFilesAsync(
        LxdDirectory dir, TimeSpan limit, List<string> errors, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(limit);
        try
        {
            return await Task.Run(
                async () =>
                {
                    using var rebuilt = RebuiltGlobal.Create(dir.GlobalDirectory, null, deadline.Token);
                    using var connection = ReadOnlySqlite.Open(rebuilt.Path, TimeSpan.FromSeconds(1));
                    var global = await GlobalReader.ReadAsync(new SqliteSelectSource(connection), dir.ProductFromPath, deadline.Token);
                    var r = rebuilt.Result;
                    return (global, new GlobalFromFilesReport(r.Index, r.Term, r.AsOf, r.SnapshotIndex, global.Schema.Version, r.Warnings));
                },
                deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            errors.Add($"global database from files: not rebuilt within {limit.TotalSeconds:0.#} s; run lxdscope forensics rebuild");
            return null;
        }
        catch (Exception e) when (e is RebuildRefusedException or IOException or SqliteException or UnauthorizedAccessException)
        {
            errors.Add($"global database from files: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// All of LXD's answers at once rather than one after another: the product is guessed from
    /// the directory for the role names and the global read repeated only if LXD says otherwise.
    /// </summary>
    private static async Task<LiveView> ReadLiveAsync(LxdSocketClient client, Task<ServerInfo> serverTask, LxdDirectory dir, CancellationToken ct)
    {
        var membersTask = client.GetMembersAsync(ct);
        var globalTask = GlobalReader.ReadAsync(new SocketSelectSource(client), dir.ProductFromPath, ct);
        var server = await serverTask;
        var global = await globalTask;
        if (server.Product != LxdProduct.Unknown && server.Product != global.Schema.Product)
        {
            global = await GlobalReader.ReadAsync(new SocketSelectSource(client), server.Product, ct);
        }

        IReadOnlyList<ClusterMember> members = [];
        if (server.Clustered)
        {
            members = await membersTask;
        }
        else
        {
            _ = membersTask.ContinueWith(t => t.Exception, TaskScheduler.Default); // a standalone LXD refuses it
        }

        return new LiveView(server, global, members);
    }

    /// <summary>The raft membership as this host knows it: the log's latest configuration, else raft_nodes.</summary>
    private static List<RaftServer> RaftServers(RaftFilesReport? files, LocalSnapshot? local)
    {
        if (files is { Configuration.Count: > 0 })
        {
            return files.Configuration
                .Select(s => new RaftServer(s.Id, s.Address, RaftRoles.FromDisplay(s.Role) ?? RaftRole.Spare))
                .Where(s => s.Address != "1") // the in-memory bootstrap entry of a never-clustered LXD
                .ToList();
        }

        return local?.RaftNodes.Select(n => new RaftServer((ulong)n.Id, n.Address, n.Role)).ToList() ?? [];
    }

    private static async Task<Dictionary<string, ProbeResult>> ProbeAsync(IEnumerable<string> addresses, TimeSpan timeout, CancellationToken ct)
    {
        var results = await Task.WhenAll(addresses.Distinct(StringComparer.Ordinal).Select(a => TcpProbe.ConnectAsync(a, timeout, ct)));
        return results.ToDictionary(r => r.Address, StringComparer.Ordinal);
    }

    private static async Task ProbeMoreAsync(Dictionary<string, ProbeResult> probes, IEnumerable<string> addresses, TimeSpan timeout, CancellationToken ct)
    {
        foreach (var (address, result) in await ProbeAsync(addresses.Where(a => !probes.ContainsKey(a)), timeout, ct))
        {
            probes[address] = result;
        }
    }

    private static async Task<T> WithDeadline<T>(Task<T> task, TimeSpan deadline)
    {
        try
        {
            return await task.WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            throw new LxdApiException($"LXD did not answer within {deadline.TotalSeconds:0.#} s.") { TimedOut = true };
        }
    }

    /// <summary>Failures of one source become a line in the report; they never stop the others.</summary>
    private static async Task<T?> Capture<T>(Task<T> task, string what, List<string> errors)
        where T : class
    {
        try
        {
            return await task;
        }
        catch (Exception e) when (e is LxdApiException or LocalDatabaseException or IOException or UnauthorizedAccessException)
        {
            errors.Add($"{what}: {e.Message}");
            return null;
        }
    }
}
