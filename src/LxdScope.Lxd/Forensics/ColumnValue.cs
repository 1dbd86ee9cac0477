namespace LxdScope.Lxd.Forensics;

/// <summary>One value of a row: null, long, double, string or byte[].</summary>
public sealed record ColumnValue(string Column, object? Value);
