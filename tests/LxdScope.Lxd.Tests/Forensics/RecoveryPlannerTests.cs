using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Raft;
using LxdScope.Lxd.Tests.Raft;

namespace LxdScope.Lxd.Tests.Forensics;

public sealed class RecoveryPlannerTests
{
    [Fact]
    public void Highest_term_wins_over_a_higher_index()
    {
        var plan = RecoveryPlanner.Plan(
        [
            Member("node1", 2, 900),
            Member("node2", 3, 850),
            Member("node3", 2, 1000),
        ]);

        Assert.Equal("node2", plan.Chosen!.Name);
        Assert.Equal(["node2", "node3", "node1"], plan.Members.Select(m => m.Name));
        Assert.Contains("its term is higher than node3's (2), node1's (2)", plan.Reasons[0], StringComparison.Ordinal);
        Assert.Contains(plan.Commands, c => c.Contains("On node2 only: `lxd cluster recover-from-quorum-loss`", StringComparison.Ordinal));
        Assert.Contains(plan.Commands, c => c.Contains("`lxc cluster remove --force node3` ; `lxc cluster remove --force node1`", StringComparison.Ordinal));
    }

    [Fact]
    public void On_Incus_the_steps_are_Incus_commands_with_INCUS_DIR()
    {
        var plan = RecoveryPlanner.Plan(
            [Member("node1", 2, 900) with { LxdDir = "/var/lib/incus" }, Member("node2", 2, 800)],
            product: LxdProduct.Incus);

        Assert.Contains(plan.Commands, c => c.Contains("On node1 only: `INCUS_DIR=/var/lib/incus incus admin cluster recover-from-quorum-loss`", StringComparison.Ordinal));
        Assert.Contains(plan.Commands, c => c.Contains("`INCUS_DIR=/var/lib/incus incus admin sql global", StringComparison.Ordinal));
        Assert.Contains(plan.Commands, c => c.Contains("`INCUS_DIR=/var/lib/incus incus cluster remove --force node2`", StringComparison.Ordinal));
        Assert.Contains(plan.Commands, c => c.Contains("Stop Incus on every member (node1, node2): `systemctl stop incus.service incus.socket`", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Commands, c => c.Contains("lxd", StringComparison.OrdinalIgnoreCase) || c.Contains("lxc", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_term_highest_index_wins_and_ties_are_named()
    {
        var plan = RecoveryPlanner.Plan([Member("a", 1, 10), Member("b", 1, 12), Member("c", 1, 12)]);

        Assert.Equal("b", plan.Chosen!.Name);
        Assert.Contains("ahead of a (index 10)", plan.Reasons[0], StringComparison.Ordinal);
        Assert.Contains("c is at the same position and would do as well", plan.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_with_a_damaged_log_is_passed_over_and_the_collector_disagreement_explained()
    {
        var plan = RecoveryPlanner.Plan(
            [Member("a", 1, 20, sound: false), Member("b", 1, 19), Member("c", 0, 0, known: false)],
            collectorChoice: "a");

        Assert.Equal("b", plan.Chosen!.Name);
        Assert.Contains(plan.Reasons, r => r.StartsWith("a is at term 1, index 20 but its log is not sound", StringComparison.Ordinal));
        Assert.Contains(plan.Reasons, r => r.StartsWith("c: its raft position is unknown", StringComparison.Ordinal));
        Assert.Contains(plan.Reasons, r => r.Contains("recover_from names a; this plan chose b because a's log is not sound", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tie_goes_to_the_position_read_just_now_then_to_the_first_name_in_any_order()
    {
        RecoveryMember[] members = [Member("c", 2, 50), Member("b", 2, 50) with { Current = false }, Member("a", 2, 50) with { Current = false }];

        Assert.Equal("c", RecoveryPlanner.Plan(members).Chosen!.Name);
        Assert.Equal("c", RecoveryPlanner.Plan(members.Reverse().ToList()).Chosen!.Name);
        Assert.Equal("a", RecoveryPlanner.Choose(members.Skip(1))!.Name);
        Assert.Equal("a", RecoveryPlanner.Choose(members.Skip(1).Reverse())!.Name);
    }

    [Fact]
    public void A_collector_choice_behind_the_plans_is_explained_by_the_positions_not_called_unsound()
    {
        var plan = RecoveryPlanner.Plan([Member("a", 1, 20), Member("b", 1, 21)], collectorChoice: "a");

        Assert.Equal("b", plan.Chosen!.Name);
        Assert.Contains(plan.Reasons, r => r.Contains("recover_from names a; this plan chose b because a's log is at term 1, index 20 and b's at term 1, index 21 now", StringComparison.Ordinal));
    }

    [Fact]
    public void Spares_are_not_candidates()
    {
        var plan = RecoveryPlanner.Plan([Member("a", 1, 20, role: "spare"), Member("b", 1, 19, role: "voter")]);

        Assert.Equal("b", plan.Chosen!.Name);
        Assert.Contains(plan.Reasons, r => r.StartsWith("a is a spare", StringComparison.Ordinal));
    }

    [Fact]
    public void No_sound_member_gives_no_recommendation_and_no_commands()
    {
        var plan = RecoveryPlanner.Plan([Member("a", 1, 20, sound: false)]);

        Assert.Null(plan.Chosen);
        Assert.Empty(plan.Commands);
        Assert.Contains(plan.Reasons, r => r.StartsWith("no member has a sound log", StringComparison.Ordinal));
    }

    [Fact]
    public void Directories_are_checked_and_the_damaged_one_passed_over()
    {
        using var sound = new TempDirectory();
        using var torn = new TempDirectory();
        using var damaged = new TempDirectory();
        ForensicsFixtures.CopyTo(sound.Path);
        ForensicsFixtures.CopyTo(torn.Path);
        ForensicsFixtures.CopyTo(damaged.Path);

        // torn: the last batch cut in half, so it ends at 1179 (a torn tail, still sound).
        var open = File.ReadAllBytes(torn.File(ForensicsFixtures.Open));
        var last = ForensicsFixtures.Batches(open)[^1];
        File.WriteAllBytes(torn.File(ForensicsFixtures.Open), open[..(last.Offset + (last.Length / 2))]);

        // damaged: a closed segment 1025-1180 with a flipped bit at entry 1100: CRC failure.
        var bytes = File.ReadAllBytes(damaged.File(ForensicsFixtures.Open));
        var batches = ForensicsFixtures.Batches(bytes);
        var closed = ForensicsFixtures.Segment(bytes, batches);
        var victim = ForensicsFixtures.Batches(closed)[75];
        closed[victim.Offset + victim.Length - 64] ^= 0x02;
        File.Delete(damaged.File(ForensicsFixtures.Open));
        File.WriteAllBytes(damaged.File(RaftFixtures.Closed(1025, 1180)), closed);

        var members = new[] { ("sound", sound.Path), ("torn", torn.Path), ("damaged", damaged.Path) }
            .Select(m => RaftDirectoryCheck.Check(m.Item1, m.Item2, default))
            .ToList();
        var plan = RecoveryPlanner.Plan(members);

        var byName = members.ToDictionary(m => m.Name);
        Assert.Equal(new RaftPosition(1, 1180), byName["sound"].Position);
        Assert.Equal(new RaftPosition(1, 1179), byName["torn"].Position);
        Assert.True(byName["torn"].Sound);
        Assert.Contains(byName["torn"].Findings, f => f.StartsWith("note: torn tail in open-3 after entry 1179", StringComparison.Ordinal));
        Assert.False(byName["damaged"].Sound);
        Assert.Contains(byName["damaged"].Findings, f => f.StartsWith("error: CRC failure in 0000000000001025-0000000000001180 after entry 1099", StringComparison.Ordinal));
        Assert.Equal("sound", plan.Chosen!.Name);

        var withoutSound = RecoveryPlanner.Plan(members.Where(m => m.Name != "sound").ToList());
        Assert.Equal("torn", withoutSound.Chosen!.Name);
    }

    private static RecoveryMember Member(string name, ulong term, ulong index, bool sound = true, bool known = true, string? role = null) =>
        new(name, "test", known ? new RaftPosition(term, index) : null, role, sound, sound ? [] : ["error: broken"]);
}
