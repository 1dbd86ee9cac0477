namespace LxdScope.Lxd.Api;

/// <summary>
/// One SELECT's result, whichever database answered it. Values are null, <see cref="long"/>,
/// <see cref="double"/>, <see cref="string"/> or <see cref="byte"/>[] (LXD's API returns blobs as
/// strings and DATETIME columns as RFC 3339 text).
/// </summary>
/// <param name="Truncated">True when a row cap cut the result short.</param>
public sealed record SqlResult(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows, bool Truncated = false);
