using System.Globalization;
using LxdScope.Lxd.Api;
using LxdScope.Lxd.Global;
using LxdScope.Lxd.Health;
using LxdScope.Lxd.Local;
using LxdScope.Lxd.Network;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Inspection;

/// <summary>Turns what was gathered into the report: the judgement is <see cref="ClusterJudge"/>'s,
/// this class only hands it this host's facts and lays out the answer.</summary>
internal sealed class ReportBuilder(
    LxdDirectory dir,
    LocalSnapshot? local,
    RaftFilesReport? files,
    ServerInfo? server,
    IReadOnlyList<RaftServer> raftServers,
    IReadOnlyDictionary<string, ProbeResult> probes,
    DateTimeOffset now,
    List<string> errors)
{
    private readonly List<string> warnings = [];

    public ClusterReport FromLive(LiveView live)
    {
        var verdict = ClusterJudge.Judge(Facts() with
        {
            Rows = live.Global.Members,
            RowsLive = true,
            RowsReadAt = now,
            OfflineThreshold = live.Global.OfflineThreshold,
            Reported = live.Members.Select(ReportedMember.From).ToList(),
        });
        warnings.AddRange(verdict.Warnings);
        return Report("live", live.Global.OfflineThreshold, Members(verdict), Raft(verdict.Quorum));
    }

    /// <param name="global">The global database rebuilt from the raft files, if that worked.</param>
    /// <param name="fromFiles">How it was rebuilt.</param>
    public ClusterReport FromFiles(GlobalSnapshot? global = null, GlobalFromFilesReport? fromFiles = null)
    {
        var what = global is null
            ? "local.db, the raft files and TCP probes tell"
            : $"local.db, the raft files, TCP probes and the global database rebuilt {fromFiles?.AsOf} tell";
        errors.Insert(0, server is null
            ? $"LXD is not answering on this host: showing what {what}."
            : $"LXD answers but its cluster database does not: showing what {what}.");
        var threshold = global?.OfflineThreshold ?? GlobalSnapshot.DefaultOfflineThreshold;

        // Heartbeat ages are left out: with the database down nobody writes heartbeats, so the
        // last one recorded says when the database stopped, not whether the member lives.
        var verdict = ClusterJudge.Judge(Facts() with { Rows = global?.Members, OfflineThreshold = threshold });
        warnings.AddRange(verdict.Warnings);
        if (fromFiles is not null)
        {
            warnings.AddRange(fromFiles.Warnings.Select(w => $"global database from files: {w}"));
        }

        return Report("files", threshold, Members(verdict), Raft(verdict.Quorum)) with { GlobalFromFiles = fromFiles };
    }

    private string? ThisMember =>
        server?.ServerName is { Length: > 0 } name ? name
        : local?.ClusterAddress is { } address ? local.RaftNodes.FirstOrDefault(n => n.Address == address)?.Name is { Length: > 0 } n ? n : null
        : null;

    /// <summary>What this host knows whatever LXD answered: its raft_nodes, the raft files, its probes.</summary>
    private ClusterFacts Facts()
    {
        var observer = ThisMember ?? "this host";
        return new ClusterFacts
        {
            Now = now,
            RaftConfiguration = raftServers,
            RaftNodes = local is null ? [] : [new RaftNodesCopy(ThisMember, local.SchemaVersion, local.RaftNodes)],
            Probes = probes.Values.Select(p => new ReachabilityProbe(observer, p.Address, p.Reachable, p.Error)).ToList(),
            ProbesFrom = "TCP from this host",
            Product = server?.Product == LxdProduct.Incus || (server is null && dir.ProductFromPath == LxdProduct.Incus) ? "Incus" : "LXD",
        };
    }

    private List<MemberReport> Members(ClusterVerdict verdict) => verdict.Members.Select(m =>
    {
        probes.TryGetValue(m.Address, out var probe);
        var row = m.Row;
        return new MemberReport(
            m.Name, m.Address, m.Roles, m.StateName, m.Message,
            m.HeartbeatAge?.TotalSeconds is { } age ? Math.Round(age, 3) : null, row?.Heartbeat,
            m.DatabaseRole?.ToDisplay(), probe?.Reachable, Millis(probe), row?.Schema, row?.ApiExtensions,
            row is null ? null : ArchName(row.Arch), row?.FailureDomain);
    }).ToList();

    private RaftReport Raft(QuorumVerdict q)
    {
        var self = local?.ClusterAddress;
        var role = self is null ? null : raftServers.FirstOrDefault(s => s.Address == self)?.Role.ToDisplay();
        return new RaftReport(
            files?.Term, files?.LastIndex, files?.LastTerm, q.Voters, q.VotersAlive, q.HasQuorum, q.Basis,
            q.FailureTolerance, q.Leader, role, q.Unreachable);
    }

    private ClusterReport Report(string source, TimeSpan threshold, List<MemberReport> members, RaftReport raft)
    {
        if (files is not null)
        {
            warnings.AddRange(files.Problems);
        }

        var thisMember = ThisMember;
        return new ClusterReport
        {
            Source = source,
            GeneratedAt = now,
            LxdDir = dir.Root,
            Server = server is null ? null : new ServerSummary(
                server.Product.ToString().ToLowerInvariant(), server.Version, server.ServerName, server.Clustered, server.ApiExtensions),
            ThisMember = string.IsNullOrEmpty(thisMember) ? null : thisMember,
            OfflineThresholdSeconds = threshold.TotalSeconds,
            Members = members,
            Raft = raft,
            Local = local is null ? null : new LocalReport(
                local.SchemaVersion, local.ClusterAddress,
                local.RaftNodes.Select(n => new LocalRaftNodeReport(n.Id, n.Address, n.Role.ToDisplay(), n.Name)).ToList(),
                Math.Round(local.LockHeld.TotalMilliseconds, 3)),
            Files = files,
            Warnings = warnings,
            Errors = errors,
        };
    }

    private static double? Millis(ProbeResult? probe) =>
        probe?.ConnectTime is { } t ? Math.Round(t.TotalMilliseconds, 3) : null;

    /// <summary>shared/osarch/architectures.go.</summary>
    private static string? ArchName(int arch) => arch switch
    {
        0 => null,
        1 => "i686",
        2 => "x86_64",
        3 => "armv7l",
        4 => "aarch64",
        5 => "ppc",
        6 => "ppc64",
        7 => "ppc64le",
        8 => "s390x",
        9 => "mips",
        10 => "mips64",
        11 => "riscv32",
        12 => "riscv64",
        13 => "armv6",
        14 => "armv8l",
        15 => "loongarch64",
        _ => arch.ToString(CultureInfo.InvariantCulture),
    };
}
