namespace LxdScope.Lxd.Health;

/// <summary>
/// A member's code level, (schema, api_extensions). Like LXD's version comparison, a member is
/// older only when neither number is ahead of the other's.
/// </summary>
public readonly record struct MemberVersion(int Schema, int ApiExtensions)
{
    public bool IsOlderThan(MemberVersion other) =>
        this != other && Schema <= other.Schema && ApiExtensions <= other.ApiExtensions;

    public static MemberVersion Newest(IEnumerable<MemberVersion> versions) =>
        versions.Aggregate(default(MemberVersion), (max, v) => new(Math.Max(max.Schema, v.Schema), Math.Max(max.ApiExtensions, v.ApiExtensions)));
}
