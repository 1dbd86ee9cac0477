using System.Text.Json;
using LxdScope.Collector.Mirrors;
using LxdScope.Contracts;

namespace LxdScope.Collector.Tests.Mirrors;

public sealed class MirrorPlannerTests
{
    private static readonly DateTimeOffset ReadAt = DateTimeOffset.FromUnixTimeMilliseconds(10_000);
    private static readonly DateTimeOffset Received = ReadAt.AddSeconds(1);

    [Fact]
    public void Plan_writes_only_the_tables_whose_hash_changed_and_confirms_with_the_schema()
    {
        var current = Head("d0", ("nodes", "h1", 5_000), ("config", "c1", 5_000));

        var plan = MirrorPlanner.Plan(current, Content("d1", Full("nodes", "h2"), ByHash("config", "c1")), "agent-1", Received);

        var write = Assert.Single(plan.Writes);
        Assert.Equal(("nodes", "h2", 10_000L), (write.Name, write.Hash, write.ValidFrom));
        Assert.NotNull(write.Rows);
        Assert.Equal(("d1", 10_000L, "agent-1"), (plan.Confirmation!.Digest, plan.Confirmation.At, plan.Confirmation.AgentId));
        Assert.Equal(["CREATE TABLE nodes"], plan.Confirmation.Schema);
        Assert.True(plan.Matches);
    }

    [Fact]
    public void Plan_asks_for_the_content_when_a_table_sent_by_hash_differs_from_the_mirror()
    {
        var current = Head("d0", ("nodes", "h1", 5_000));

        var plan = MirrorPlanner.Plan(current, Content("d1", ByHash("nodes", "h2")), "agent-1", Received);

        Assert.Empty(plan.Writes);
        Assert.Null(plan.Confirmation);
        Assert.False(plan.Matches);
    }

    [Fact]
    public void Plan_marks_a_table_no_longer_sent_as_gone_once()
    {
        var current = Head("d0", ("nodes", "h1", 5_000), ("old", "o1", 5_000), ("dropped", "", 6_000));

        var plan = MirrorPlanner.Plan(current, Content("d1", ByHash("nodes", "h1")), "agent-1", Received);

        var gone = Assert.Single(plan.Writes);
        Assert.Equal(("old", "", 10_000L), (gone.Name, gone.Hash, gone.ValidFrom));
        Assert.Null(gone.Sql);
        Assert.True(plan.Matches);
    }

    [Fact]
    public void Plan_never_dates_a_version_after_the_collector_received_it_nor_at_or_before_the_previous_one()
    {
        var ahead = Content("d1", Full("nodes", "h2")) with { ReadAt = Received.AddHours(1) };
        var current = Head("d0", ("nodes", "h1", Received.ToUnixTimeMilliseconds() + 5));

        var plan = MirrorPlanner.Plan(current, ahead, "agent-1", Received);

        Assert.Equal(Received.ToUnixTimeMilliseconds() + 6, Assert.Single(plan.Writes).ValidFrom);
        Assert.Equal(Received.ToUnixTimeMilliseconds(), plan.Confirmation!.At);
    }

    [Fact]
    public void Plan_of_a_digest_alone_confirms_without_a_schema_only_when_the_mirror_has_that_digest()
    {
        var current = Head("d1", ("nodes", "h1", 5_000));
        var digestOnly = new DatabaseContent(ReadAt, "d1", null, null) { Source = "from files" };

        var same = MirrorPlanner.Plan(current, digestOnly, "agent-2", Received);
        var other = MirrorPlanner.Plan(current, digestOnly with { Digest = "d2" }, "agent-2", Received);

        Assert.Empty(same.Writes);
        Assert.Equal(new MirrorConfirmation("d1", null, 10_000, "agent-2", "from files"), same.Confirmation);
        Assert.Empty(other.Writes);
        Assert.False(other.Matches);
    }

    private static MirrorHead Head(string? digest, params (string Name, string Hash, long ValidFrom)[] tables) =>
        new(digest, tables.ToDictionary(t => t.Name, t => new TableHead(t.Hash, t.ValidFrom), StringComparer.Ordinal));

    private static DatabaseContent Content(string digest, params TableContent[] tables) =>
        new(ReadAt, digest, tables, ["CREATE TABLE nodes"]);

    private static TableContent Full(string name, string hash) =>
        new(name, hash, $"CREATE TABLE {name} (id INTEGER)", ["id"], JsonDocument.Parse("[[1]]").RootElement.Clone());

    private static TableContent ByHash(string name, string hash) => new(name, hash, null, null, null);
}
