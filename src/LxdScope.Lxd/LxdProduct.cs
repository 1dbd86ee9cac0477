namespace LxdScope.Lxd;

/// <summary>Which daemon wrote the databases. Incus forked from LXD at global schema 69 and the
/// numbers mean different things after that, so the product must be known before the schema
/// version is interpreted.</summary>
public enum LxdProduct
{
    Unknown,
    Lxd,
    Incus,
}
