using System.Globalization;
using LxdScope.Lxd.Api;
using LxdScope.Lxd.Global;
using LxdScope.Lxd.Health;
using LxdScope.Lxd.Local;
using LxdScope.Lxd.Network;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Inspection;

/// <summary>Turns what was gathered into the report, applying LXD's rules (<see cref="MemberRules"/>,
/// <see cref="Quorum"/>, <see cref="MembershipCheck"/>) and wording the warnings.</summary>
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
        var threshold = live.Global.OfflineThreshold;
        var newest = MemberVersion.Newest(live.Global.Members.Select(m => new MemberVersion(m.Schema, m.ApiExtensions)));
        var apiByName = live.Members.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var raftByAddress = raftServers.ToDictionary(s => s.Address, StringComparer.Ordinal);

        var members = new List<MemberReport>();
        var unreachable = new List<string>();
        var votersAlive = 0;
        var voters = 0;
        foreach (var m in live.Global.Members)
        {
            var status = MemberRules.Evaluate(m, newest, threshold, now);
            apiByName.TryGetValue(m.Name, out var api);
            RaftRole? role = api is not null
                ? api.DatabaseRole
                : raftByAddress.TryGetValue(m.Address, out var rs) ? rs.Role : null;
            IReadOnlyList<string> roles = api is not null ? api.Roles : RolesFor(role, m.Roles);
            probes.TryGetValue(m.Address, out var probe);
            if (role == RaftRole.Voter)
            {
                voters++;
                // A dead voter keeps a fresh heartbeat for up to offline_threshold; a refused
                // connection tells sooner.
                if (status.State != MemberState.Offline && probe?.Reachable != false)
                {
                    votersAlive++;
                }

                if (probe?.Reachable == false)
                {
                    unreachable.Add(m.Name);
                }
            }

            members.Add(new MemberReport(
                m.Name, m.Address, roles, StateName(status.State), status.Message,
                status.HeartbeatAge?.TotalSeconds is { } age ? Math.Round(age, 3) : null, m.Heartbeat,
                role?.ToDisplay(), probe?.Reachable, Millis(probe), m.Schema, m.ApiExtensions,
                ArchName(m.Arch), m.FailureDomain));
            WarnAboutMember(m.Name, m.Address, status, threshold, probe);
        }

        var quorum = Quorum.Of(voters, votersAlive);
        if (!quorum.HasQuorum && voters > 0)
        {
            // The leader keeps answering until its election timeout runs out (3 s in dqlite).
            warnings.Insert(0, $"Database quorum lost: only {votersAlive} of {voters} voters are alive (unreachable: {(unreachable.Count > 0 ? string.Join(", ", unreachable) : "none")}); the leader answered a moment ago but cannot keep a majority.");
        }
        else if (quorum.FailureTolerance == 0 && voters > 0)
        {
            warnings.Insert(0, $"Database quorum at risk: {votersAlive} of {voters} voters alive, one more failure loses quorum.");
        }

        var leader = live.Members.FirstOrDefault(m => m.IsLeader)?.Name;
        var clusterRoles = live.Members.Count > 0
            ? live.Members.ToDictionary(m => m.Address, m => m.DatabaseRole, StringComparer.Ordinal)
            : null;
        if (local is not null && clusterRoles is not null)
        {
            warnings.AddRange(MembershipCheck.Compare(local.RaftNodes, clusterRoles, "the cluster"));
        }

        var raft = Raft(voters, votersAlive, quorum, "the cluster database answered; voters alive by heartbeat and TCP", leader, unreachable);
        return Report("live", threshold, members, raft);
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
        var names = local?.RaftNodes.ToDictionary(n => n.Address, n => n.Name, StringComparer.Ordinal) ?? [];
        var rows = global?.Members.ToDictionary(m => m.Address, StringComparer.Ordinal) ?? [];
        var members = new List<MemberReport>();
        var unreachable = new List<string>();
        var voters = 0;
        var alive = 0;

        // Members the rebuilt database lists but the raft configuration does not (spares
        // outside it, or a configuration older than the rows) are shown too, without a role.
        var servers = raftServers.Concat(
            (global?.Members ?? []).Where(m => raftServers.All(s => s.Address != m.Address)).Select(m => new RaftServer(0, m.Address, RaftRole.Spare)));
        foreach (var s in servers)
        {
            probes.TryGetValue(s.Address, out var probe);
            rows.TryGetValue(s.Address, out var row);
            var name = row?.Name ?? (names.TryGetValue(s.Address, out var n) && n.Length > 0 ? n : s.Address);
            var reachable = probe?.Reachable == true;
            if (s.Role == RaftRole.Voter)
            {
                voters++;
                if (reachable)
                {
                    alive++;
                }
                else
                {
                    unreachable.Add(name);
                }
            }

            // Heartbeat ages are left out: with the database down nobody writes heartbeats, so
            // the last one recorded says when the database stopped, not whether the member lives.
            members.Add(new MemberReport(
                name, s.Address, RolesFor(s.Role, row?.Roles ?? []),
                reachable ? "REACHABLE" : "UNREACHABLE",
                reachable ? "Cluster port accepts connections" : $"Cluster port: {probe?.Error ?? "not probed"}",
                null, row?.Heartbeat, s.Role.ToDisplay(), probe?.Reachable, Millis(probe),
                row?.Schema, row?.ApiExtensions, row is null ? null : ArchName(row.Arch), row?.FailureDomain));
        }

        var quorum = Quorum.Of(voters, alive);
        if (voters == 0)
        {
            warnings.Add("No database voters known: local.db and the raft files name none.");
        }
        else if (!quorum.HasQuorum)
        {
            warnings.Add($"Database quorum lost: {alive} of {voters} voters reachable; unreachable: {string.Join(", ", unreachable)}.");
        }
        else
        {
            warnings.Add($"{alive} of {voters} voters are reachable, so quorum may hold; the database itself did not answer here.");
        }

        if (local is not null && files is { Configuration.Count: > 0 })
        {
            var logRoles = raftServers.ToDictionary(s => s.Address, s => s.Role, StringComparer.Ordinal);
            warnings.AddRange(MembershipCheck.Compare(local.RaftNodes, logRoles, "the raft log"));
        }

        var raft = Raft(voters, alive, quorum, "voters reachable over TCP from this host", null, unreachable);
        if (fromFiles is not null)
        {
            warnings.AddRange(fromFiles.Warnings.Select(w => $"global database from files: {w}"));
        }

        return Report("files", global?.OfflineThreshold ?? GlobalSnapshot.DefaultOfflineThreshold, members, raft) with { GlobalFromFiles = fromFiles };
    }

    private RaftReport Raft(int voters, int alive, Quorum quorum, string basis, string? leader, IReadOnlyList<string> unreachable)
    {
        var self = local?.ClusterAddress;
        var role = self is null ? null : raftServers.FirstOrDefault(s => s.Address == self)?.Role.ToDisplay();
        return new RaftReport(
            files?.Term, files?.LastIndex, files?.LastTerm, voters, alive, quorum.HasQuorum, basis,
            quorum.FailureTolerance, leader, role, unreachable);
    }

    private ClusterReport Report(string source, TimeSpan threshold, List<MemberReport> members, RaftReport raft)
    {
        if (files is not null)
        {
            warnings.AddRange(files.Problems);
        }

        var thisMember = server?.ServerName is { Length: > 0 } name ? name
            : local?.ClusterAddress is { } address ? local.RaftNodes.FirstOrDefault(n => n.Address == address)?.Name
            : null;
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

    private void WarnAboutMember(string name, string address, MemberStatus status, TimeSpan threshold, ProbeResult? probe)
    {
        switch (status.State)
        {
            case MemberState.Offline:
                warnings.Add($"{name} ({address}) is OFFLINE: {status.Message.ToLowerInvariant()} (threshold {threshold.TotalSeconds:0} s){(probe is { Reachable: false } ? $"; its cluster port: {probe.Error}" : "")}.");
                break;
            case MemberState.Blocked:
                warnings.Add($"{name} ({address}) is BLOCKED: it runs an older LXD than the other members and waits for them.");
                break;
            case MemberState.Evacuated:
                warnings.Add($"{name} ({address}) is EVACUATED: its instances were moved away for maintenance.");
                break;
            case MemberState.Pending:
                warnings.Add($"{name} ({address}) is PENDING: accepted but it never finished joining.");
                break;
            case MemberState.Online when probe is { Reachable: false }:
                warnings.Add($"{name} ({address}) is ONLINE by its last heartbeat ({MemberRules.FormatAge(status.HeartbeatAge ?? TimeSpan.Zero)} ago) but its cluster port: {probe.Error}; LXD will mark it OFFLINE once the heartbeat is {threshold.TotalSeconds:0} s old.");
                break;
        }
    }

    private static List<string> RolesFor(RaftRole? role, IReadOnlyList<string> lxdRoles)
    {
        var roles = new List<string>();
        if (role == RaftRole.Voter)
        {
            roles.Add("database");
        }
        else if (role == RaftRole.StandBy)
        {
            roles.Add("database-standby");
        }

        roles.AddRange(lxdRoles);
        return roles;
    }

    private static string StateName(MemberState state) => state.ToString().ToUpperInvariant();

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
