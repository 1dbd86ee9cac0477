using LxdScope.Lxd.Global;
using LxdScope.Lxd.Health;

namespace LxdScope.Lxd.Tests.Health;

public sealed class MemberRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(20);
    private static readonly MemberVersion Newest = new(60, 318);

    private static GlobalMember Member(TimeSpan heartbeatAge, int state = 0, int schema = 60, int api = 318) =>
        new(1, "node1", "127.0.0.1:8443", schema, api, Now - heartbeatAge, state, 2, null, []);

    [Fact]
    public void A_heartbeat_exactly_at_the_threshold_is_offline()
    {
        var status = MemberRules.Evaluate(Member(Threshold), Newest, Threshold, Now);

        Assert.Equal(MemberState.Offline, status.State);
        Assert.Equal("No heartbeat for 20s", status.Message);
    }

    [Fact]
    public void A_heartbeat_a_tick_younger_than_the_threshold_is_online()
    {
        var status = MemberRules.Evaluate(Member(Threshold - TimeSpan.FromTicks(1)), Newest, Threshold, Now);

        Assert.Equal(MemberState.Online, status.State);
        Assert.Equal("Fully operational", status.Message);
    }

    [Fact]
    public void Seventeen_seconds_is_normal_at_the_default_threshold()
    {
        // The leader writes heartbeats at the end of a round spread over interval - 3 s.
        Assert.Equal(MemberState.Online, MemberRules.Evaluate(Member(TimeSpan.FromSeconds(17)), Newest, Threshold, Now).State);
    }

    [Fact]
    public void No_heartbeat_at_all_is_offline()
    {
        var member = Member(TimeSpan.Zero) with { Heartbeat = null };

        Assert.Equal(MemberState.Offline, MemberRules.Evaluate(member, Newest, Threshold, Now).State);
    }

    [Fact]
    public void Evacuated_wins_over_offline_as_in_LXD()
    {
        var status = MemberRules.Evaluate(Member(TimeSpan.FromMinutes(5), state: 2), Newest, Threshold, Now);

        Assert.Equal(MemberState.Evacuated, status.State);
    }

    [Fact]
    public void Offline_wins_over_blocked()
    {
        var status = MemberRules.Evaluate(Member(TimeSpan.FromMinutes(1), schema: 59), Newest, Threshold, Now);

        Assert.Equal(MemberState.Offline, status.State);
    }

    [Theory]
    [InlineData(59, 318, MemberState.Blocked)]
    [InlineData(60, 317, MemberState.Blocked)]
    [InlineData(60, 318, MemberState.Online)]
    public void An_older_member_is_blocked(int schema, int api, MemberState expected) =>
        Assert.Equal(expected, MemberRules.Evaluate(Member(TimeSpan.FromSeconds(1), schema: schema, api: api), Newest, Threshold, Now).State);

    [Theory]
    [InlineData(1, MemberState.Pending)]
    [InlineData(3, MemberState.Evacuating)]
    [InlineData(4, MemberState.Restoring)]
    public void Other_state_codes(int code, MemberState expected) =>
        Assert.Equal(expected, MemberRules.Evaluate(Member(TimeSpan.FromSeconds(1), state: code), Newest, Threshold, Now).State);

    [Fact]
    public void Newest_takes_each_number_at_its_highest()
    {
        Assert.Equal(new MemberVersion(61, 320), MemberVersion.Newest([new(60, 320), new(61, 318)]));
        Assert.False(new MemberVersion(60, 320).IsOlderThan(new MemberVersion(61, 318)));
    }

    [Theory]
    [InlineData(11.44, "11.4s")]
    [InlineData(20, "20s")]
    [InlineData(123.5, "2m3.5s")]
    public void Ages_print_like_Go_durations(double seconds, string expected) =>
        Assert.Equal(expected, MemberRules.FormatAge(TimeSpan.FromSeconds(seconds)));
}
