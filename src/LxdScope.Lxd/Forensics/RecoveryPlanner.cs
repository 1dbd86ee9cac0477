using System.Globalization;

namespace LxdScope.Lxd.Forensics;

/// <summary>
/// Chooses the member to recover quorum from: the one whose last raft entry has the highest
/// term, then the highest index (LXD's "Recover a cluster" documentation), among those whose
/// log is sound; and writes the commands to do it, in the words of the product that runs the
/// cluster (LXD's and Incus's recovery commands have the same steps under different names).
/// </summary>
public static class RecoveryPlanner
{
    public static RecoveryPlan Plan(IReadOnlyList<RecoveryMember> members, string? collectorChoice = null, LxdProduct product = LxdProduct.Lxd)
    {
        ArgumentNullException.ThrowIfNull(members);
        var ordered = Order(members);
        var reasons = new List<string>();
        var candidates = Candidates(ordered);
        foreach (var m in ordered.Except(candidates))
        {
            reasons.Add(m.Position is null
                ? $"{m.Name}: its raft position is unknown ({string.Join("; ", m.Findings.DefaultIfEmpty("no data"))}); not considered"
                : $"{m.Name} is a spare: spares do not hold the log; not considered");
        }

        var chosen = candidates.FirstOrDefault(m => m.Sound);
        foreach (var m in candidates.TakeWhile(m => m != chosen))
        {
            reasons.Add($"{m.Name} is at {m.Position} but its log is not sound ({Errors(m)}); recovering from it would lose or garble entries, so it is passed over");
        }

        if (chosen is null)
        {
            reasons.Add(candidates.Count == 0
                ? "no member with a known raft position: nothing to choose from"
                : "no member has a sound log: restore one from a backup (LXD keeps database backups as db_backup.* in each LXD_DIR), or copy the directories and ask for help before running any recovery");
            return new RecoveryPlan(null, ordered, reasons, []);
        }

        reasons.Insert(0, Why(chosen, candidates));
        if (collectorChoice is not null)
        {
            reasons.Add(collectorChoice == chosen.Name
                ? $"the collector's quorum.recover_from names {collectorChoice} too"
                : $"the collector's quorum.recover_from names {collectorChoice}; this plan chose {chosen.Name} because {Differs(collectorChoice, chosen, candidates)}");
        }

        return new RecoveryPlan(chosen, ordered, reasons, Commands(chosen, ordered, product == LxdProduct.Incus ? Incus : Lxd));
    }

    /// <summary>
    /// The member to recover from, the one rule the plan and <see cref="Health.ClusterJudge"/>
    /// share: among members with a known position that are not spares, the first sound one by
    /// (term, index), then a position read just now over a remembered one, then name, so that
    /// every reader of the same facts names the same member.
    /// </summary>
    public static RecoveryMember? Choose(IEnumerable<RecoveryMember> members) =>
        Candidates(Order(members)).FirstOrDefault(m => m.Sound);

    private static List<RecoveryMember> Order(IEnumerable<RecoveryMember> members) =>
        members
            .OrderByDescending(m => m.Position.HasValue)
            .ThenByDescending(m => m.Position)
            .ThenByDescending(m => m.Current)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToList();

    private static List<RecoveryMember> Candidates(List<RecoveryMember> ordered) =>
        ordered.Where(m => m.Position is not null && m.Role is not "spare").ToList();

    private static string Differs(string collectorChoice, RecoveryMember chosen, List<RecoveryMember> candidates) =>
        candidates.FirstOrDefault(c => c.Name == collectorChoice) switch
        {
            null => $"{collectorChoice}'s log is not known here",
            { Sound: false } => $"{collectorChoice}'s log is not sound",
            { } other => $"{collectorChoice}'s log is at {other.Position}{(other.Current ? "" : " (remembered)")} and {chosen.Name}'s at {chosen.Position} now: the positions moved between the collector's judgement and this plan",
        };

    private static string Why(RecoveryMember chosen, List<RecoveryMember> candidates)
    {
        var others = candidates.Where(c => c != chosen).ToList();
        var position = chosen.Position!.Value;
        var sameTerm = others.Where(o => o.Position!.Value.Term == position.Term).ToList();
        var lowerTerm = others.Where(o => o.Position!.Value.Term < position.Term).ToList();
        var tied = sameTerm.Where(o => o.Position!.Value.Index == position.Index).Select(o => o.Name).ToList();
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"recover from {chosen.Name}: its last raft entry is at term {position.Term}, index {position.Index}, the most recent of the members with a sound log"),
        };
        if (lowerTerm.Count > 0)
        {
            parts.Add($"its term is higher than {string.Join(", ", lowerTerm.Select(o => $"{o.Name}'s ({o.Position!.Value.Term})"))}, and a higher term wins whatever the index");
        }

        var behind = sameTerm.Where(o => o.Position!.Value.Index < position.Index).ToList();
        if (behind.Count > 0)
        {
            parts.Add($"in the same term it is ahead of {string.Join(", ", behind.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Name} (index {o.Position!.Value.Index})")))}");
        }

        if (tied.Count > 0)
        {
            parts.Add($"{string.Join(", ", tied)} {(tied.Count == 1 ? "is" : "are")} at the same position and would do as well");
        }

        return string.Join("; ", parts);
    }

    private static List<string> Commands(RecoveryMember chosen, List<RecoveryMember> members, ProductWords p)
    {
        var names = string.Join(", ", members.Select(m => m.Name));
        var others = members.Where(m => m != chosen).Select(m => m.Name).ToList();
        var env = chosen.LxdDir is { } dir ? $"{p.DirVariable}={dir} " : "";
        var commands = new List<string>
        {
            "0. If the lost members can still be started, start them instead: with a majority of voters back the cluster recovers by itself, and nothing below is needed.",
            $"1. Stop {p.Name} on every member ({names}): {p.Stop}. The recovery commands refuse to run while the daemon answers.",
            $"2. On every member, keep a copy of its database directory before changing anything: `tar -czf /root/{p.Name.ToLowerInvariant()}-database-$(hostname)-$(date +%s).tar.gz -C <{p.DirVariable}> database`.",
            $"3. On {chosen.Name} only: `{env}{p.Recover}` (add -q to skip the prompt). It backs up database/, makes {chosen.Name} the only database voter and appends one configuration entry to its log.",
            $"4. Start {p.Name} on {chosen.Name}: {p.Start}, then check with `{env}{p.Client} cluster list` and `{env}{p.Sql} global \"SELECT name, address FROM nodes\"`.",
        };
        if (others.Count > 0)
        {
            commands.Add($"5. From {chosen.Name}, remove the members that were lost: {string.Join(" ; ", others.Select(o => $"`{env}{p.Client} cluster remove --force {o}`"))}. Do not start them again with their old database: wipe their {p.Name} and join them anew.");
        }

        return commands;
    }

    // Incus keeps LXD's recovery steps; its low-level commands moved under `incus admin`
    // (which runs incusd's own `cluster` subcommands) and its packages ship incus.service.
    private static readonly ProductWords Lxd = new(
        "LXD", "LXD_DIR", "lxc", "lxd sql", "lxd cluster recover-from-quorum-loss",
        "`snap stop lxd` (snap) or `systemctl stop lxd.service lxd.socket` (deb)", "`snap start lxd` or `systemctl start lxd`");

    private static readonly ProductWords Incus = new(
        "Incus", "INCUS_DIR", "incus", "incus admin sql", "incus admin cluster recover-from-quorum-loss",
        "`systemctl stop incus.service incus.socket`", "`systemctl start incus`");

    private sealed record ProductWords(string Name, string DirVariable, string Client, string Sql, string Recover, string Stop, string Start);

    private static string Errors(RecoveryMember m)
    {
        var errors = m.Findings.Where(f => f.StartsWith("error:", StringComparison.Ordinal)).ToList();
        return errors.Count > 0 ? string.Join("; ", errors) : string.Join("; ", m.Findings);
    }
}
