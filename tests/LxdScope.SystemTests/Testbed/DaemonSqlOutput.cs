namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// The SQL console's tables (<c>lxdscope sql --collector</c>) against the daemon's own sql
/// command: verbatim on LXD, whose <c>lxd sql</c> layout the console prints for every cluster;
/// cell by cell on Incus, whose <c>incus admin sql</c> upper-cases the header (underscores as
/// spaces) and rules off every row. (<c>lxdscope sql</c> on a host prints the detected product's
/// own layout, byte for byte: SqlCommandChecks.)
/// </summary>
internal static class DaemonSqlOutput
{
    public static void AssertSame(TestbedProduct product, string daemons, string ours)
    {
        if (product == TestbedProduct.Lxd)
        {
            Assert.Equal(daemons, ours);
            return;
        }

        var expected = Cells(daemons);
        Assert.True(expected.Count > 0, $"no table in the daemon's output:\n{daemons}");
        Assert.Equal(expected, Cells(ours));
    }

    /// <summary>The rows of an ASCII table, each cell trimmed; the header first, as Incus prints it.</summary>
    public static List<string> Cells(string table) =>
        table.Split('\n')
            .Where(l => l.StartsWith('|'))
            .Select((l, i) => string.Join(" | ", l.Trim().Trim('|').Split('|').Select(c => i == 0 ? c.Trim().ToUpperInvariant().Replace('_', ' ') : c.Trim())))
            .ToList();
}
