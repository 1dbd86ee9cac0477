using System.Globalization;
using LxdScope.Lxd.Global;

namespace LxdScope.Lxd.Health;

/// <summary>
/// LXD's own rules for a member's state (lxd/db/node.go, NodeInfo.ToAPI and IsOffline), in its
/// order: evacuated first, then offline, then blocked. A tighter offline rule would cry wolf: the
/// leader writes heartbeats only at the end of each round, so a healthy member's can be ~17 s old
/// at the 20 s default.
/// </summary>
public static class MemberRules
{
    public static MemberStatus Evaluate(GlobalMember member, MemberVersion newest, TimeSpan offlineThreshold, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(member);
        var age = member.Heartbeat is { } hb ? now - hb : (TimeSpan?)null;
        switch (member.StateCode)
        {
            case 1:
                return new(MemberState.Pending, "Accepted but not yet joined", age);
            case 2:
                return new(MemberState.Evacuated, "Unavailable due to maintenance", age);
            case 3:
                return new(MemberState.Evacuating, "Being evacuated", age);
            case 4:
                return new(MemberState.Restoring, "Being restored", age);
        }

        if (IsOffline(member.Heartbeat, offlineThreshold, now))
        {
            return new(MemberState.Offline, age is { } a ? $"No heartbeat for {FormatAge(a)}" : "No heartbeat recorded", age);
        }

        if (new MemberVersion(member.Schema, member.ApiExtensions).IsOlderThan(newest))
        {
            return new(MemberState.Blocked, "Needs updating to newer version", age);
        }

        return new(MemberState.Online, "Fully operational", age);
    }

    /// <summary><c>heartbeat &lt;= now - threshold</c>, LXD's nodeIsOffline (Before or Equal).</summary>
    public static bool IsOffline(DateTimeOffset? heartbeat, TimeSpan offlineThreshold, DateTimeOffset now) =>
        heartbeat is not { } hb || hb <= now - offlineThreshold;

    /// <summary>Go's Duration.String for the ages that matter here: "11.4s", "2m3.5s".</summary>
    public static string FormatAge(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            return "-" + FormatAge(-age);
        }

        var seconds = Math.Round(age.TotalSeconds % 60, 1);
        var minutes = (long)age.TotalMinutes;
        var s = seconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";
        return minutes > 0 ? $"{minutes}m{s}" : s;
    }
}
