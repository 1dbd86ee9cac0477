using LxdScope.Contracts;
using LxdScope.Lxd.Raft;

namespace LxdScope.Agent.Sources;

/// <summary>database/global read from disk: term, last entry, configuration, segment and snapshot health, free space.</summary>
internal sealed class RaftFilesSource : IAgentSource
{
    public string Name => "raft";

    public Task CollectAsync(CollectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = RaftDirectory.Read(context.Directory.GlobalDirectory);
        context.CountFileBytes(state.BytesRead);
        if (!state.Exists)
        {
            throw new DirectoryNotFoundException(string.Join("; ", state.Problems.Select(p => p.Message)));
        }

        context.Raft = new RaftFilesSection(
            state.CurrentTerm,
            state.LastIndex,
            state.LastTerm,
            state.ClosedSegmentCount,
            state.OpenSegmentCount,
            state.Snapshots.Count,
            state.NewestUsableSnapshot?.Index,
            state.Configuration?.Servers.Select(s => new RaftServerInfo(s.Id, s.Address, s.Role.ToDisplay())).ToList() ?? [],
            state.Problems.Where(p => p.Severity == RaftProblemSeverity.Error).Select(p => p.Message).ToList(),
            state.Problems.Where(p => p.Severity == RaftProblemSeverity.Warning).Select(p => p.Message).ToList(),
            FreeBytes(context.Directory.GlobalDirectory));
        return Task.CompletedTask;
    }

    private static long? FreeBytes(string path)
    {
        try
        {
            return new DriveInfo(path).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null; // the section still says what the files hold; free space is a bonus
        }
    }
}
