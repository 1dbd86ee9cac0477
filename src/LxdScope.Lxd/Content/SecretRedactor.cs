using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LxdScope.Lxd.Content;

/// <summary>
/// Replaces the secrets in a database snapshot before it leaves the host: each secret value
/// becomes <c>lxdscope-redacted:</c> and 16 hex digits of an HMAC-SHA256 of the value under a
/// key that stays on the host. Equal values give equal markers and a changed value a changed
/// marker, so diffs and as-of queries still show that (and when) a secret changed; without the
/// key the marker cannot be tested against guessed passwords.
/// </summary>
public sealed class SecretRedactor
{
    public const string MarkerPrefix = "lxdscope-redacted:";

    private readonly byte[] key;
    private readonly IReadOnlyList<RedactionRule> rules;

    public SecretRedactor(ReadOnlySpan<byte> key, IReadOnlyList<RedactionRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (key.Length < 16)
        {
            throw new ArgumentException("the redaction key must be at least 16 bytes", nameof(key));
        }

        this.key = key.ToArray();
        this.rules = rules;
    }

    public IReadOnlyList<RedactionRule> Rules => rules;

    /// <summary>The snapshot with every secret replaced, its tables' hashes and digest recomputed over what is sent.</summary>
    public DatabaseSnapshot Apply(DatabaseSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var changed = false;
        var tables = snapshot.Tables.Select(t =>
        {
            var redacted = Apply(t);
            changed |= !ReferenceEquals(redacted, t);
            return redacted;
        }).ToList();
        return changed ? DatabaseSnapshot.Create(tables, snapshot.Schema) : snapshot;
    }

    /// <summary>The marker for one value; the same value always gives the same marker under the same key.</summary>
    public string Marker(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = value switch
        {
            byte[] b => b,
            string s => Encoding.UTF8.GetBytes(s),
            _ => Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
        };
        return MarkerPrefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, bytes).AsSpan(0, 8));
    }

    private TableSnapshot Apply(TableSnapshot table)
    {
        var applicable = rules.Where(r => r.MatchesTable(table.Name)).ToList();
        if (applicable.Count == 0)
        {
            return table;
        }

        var columns = applicable.Where(r => r.Column is not null)
            .Select(r => IndexOf(table.Columns, r.Column!))
            .Where(i => i >= 0)
            .ToHashSet();
        var keyRules = applicable.Where(r => r.Key is not null).ToList();
        var keyColumn = keyRules.Count > 0 ? IndexOf(table.Columns, "key") : -1;
        var valueColumn = keyColumn >= 0 ? IndexOf(table.Columns, "value") : -1;
        if (columns.Count == 0 && valueColumn < 0)
        {
            return table;
        }

        var any = false;
        var rows = new List<object?[]>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            object?[]? copy = null;
            foreach (var i in columns)
            {
                if (row[i] is { } secret)
                {
                    copy ??= (object?[])row.Clone();
                    copy[i] = Marker(secret);
                }
            }

            if (valueColumn >= 0 && row[keyColumn] is string k && row[valueColumn] is { } value && keyRules.Any(r => r.MatchesKey(k)))
            {
                copy ??= (object?[])row.Clone();
                copy[valueColumn] = Marker(value);
            }

            any |= copy is not null;
            rows.Add(copy ?? row);
        }

        return any ? table with { Rows = rows, Hash = ContentHash.Table(table.Sql, table.Columns, rows) } : table;
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
