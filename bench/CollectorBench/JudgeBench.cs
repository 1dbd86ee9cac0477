using System.Diagnostics;
using System.Globalization;
using LxdScope.Collector.State;

/// <summary>
/// What a report costs the collector's state, by cluster size. A registry holding
/// <c>clusters</c> clusters receives one interval (10 s) of their agents' reports, a tenth of the
/// agents each second followed by that second's tick, as at the agents' default interval: the
/// time per report covers taking the report and its share of the judgements. Then a tick over the
/// same fleet with nothing changed and nothing due.
/// </summary>
internal static class JudgeBench
{
    private const int SecondsPerInterval = 10;

    public static int Run(int clusters, int[] sizes, int rounds)
    {
        Console.WriteLine("| members per cluster | clusters | reports | µs per report, judgements included (median interval) | tick with nothing due, ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var members in sizes)
        {
            var registry = new ClusterRegistry(new NullStore(), TimeProvider.System);
            var at = DateTimeOffset.UtcNow;
            // Reports built before the clock starts: parsing and building them is not the state's work.
            var reports = Enumerable.Range(0, rounds + 1)
                .Select(r => Enumerable.Range(0, clusters).SelectMany(c => Enumerable.Range(0, members).Select(m => Fleet.Report(c, members, m, r + 1, at))).ToArray())
                .ToArray();
            foreach (var report in reports[0])
            {
                registry.Apply(report, at);
            }

            registry.Tick();
            var perReport = new List<double>();
            for (var r = 1; r <= rounds; r++)
            {
                var clock = Stopwatch.StartNew();
                for (var second = 0; second < SecondsPerInterval; second++)
                {
                    foreach (var report in reports[r])
                    {
                        if (int.Parse(report.Member![4..], CultureInfo.InvariantCulture) % SecondsPerInterval == second)
                        {
                            registry.Apply(report, DateTimeOffset.UtcNow);
                        }
                    }

                    registry.Tick();
                }

                perReport.Add(clock.Elapsed.TotalMicroseconds / reports[r].Length);
            }

            var ticks = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                registry.Tick();
                ticks.Add(clock.Elapsed.TotalMilliseconds);
            }

            perReport.Sort();
            ticks.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {members} | {clusters} | {reports[1].Length * rounds:N0} | {perReport[perReport.Count / 2]:0.0} | {ticks[2]:0.00} |"));
        }

        return 0;
    }
}

internal static class JudgeOnce
{
    public static int Run(int members, int iterations)
    {
        var at = DateTimeOffset.UtcNow;
        var agents = Enumerable.Range(0, members).Select(m => new AgentSnapshot(Fleet.Report(0, members, m, 1, at), at)).ToList();
        for (var i = 0; i < 200; i++)
        {
            ClusterStatusBuilder.Build("c", agents, null, at);
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            ClusterStatusBuilder.Build("c", agents, null, at);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{members} members: {clock.Elapsed.TotalMicroseconds / iterations:0.0} µs per judgement"));
        return 0;
    }
}
