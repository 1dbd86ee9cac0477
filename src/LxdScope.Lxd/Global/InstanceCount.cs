namespace LxdScope.Lxd.Global;

/// <summary>Instances of one type in one project on one member. Type: 0 container, 1 virtual machine.</summary>
public sealed record InstanceCount(long MemberId, string Project, int Type, long Count)
{
    public string TypeName => Type switch
    {
        0 => "container",
        1 => "virtual-machine",
        _ => $"type-{Type}",
    };
}
