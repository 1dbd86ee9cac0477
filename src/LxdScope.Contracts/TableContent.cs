using System.Text.Json;

namespace LxdScope.Contracts;

/// <summary>
/// One table. <see cref="Rows"/> is a JSON array of rows, each an array of values (null, number
/// or string; blobs as base64 text), present only when the table is sent in full.
/// </summary>
/// <param name="Sql">The table's CREATE statement as the database holds it.</param>
public sealed record TableContent(
    string Name,
    string Hash,
    string? Sql,
    IReadOnlyList<string>? Columns,
    JsonElement? Rows);
