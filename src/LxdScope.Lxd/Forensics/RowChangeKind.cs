namespace LxdScope.Lxd.Forensics;

/// <summary>How a row changed between two moments.</summary>
public enum RowChangeKind
{
    Inserted = 1,
    Deleted = 2,
    Updated = 3,
}
