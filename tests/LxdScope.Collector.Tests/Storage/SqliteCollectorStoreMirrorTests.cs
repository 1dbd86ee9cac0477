using LxdScope.Collector.Storage;
using LxdScope.Collector.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LxdScope.Collector.Tests.Storage;

public sealed class SqliteCollectorStoreMirrorTests : CollectorStoreMirrorContractTests, IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private protected override SqliteCollectorStore Open() =>
        new(directory.File("collector.db"), TimeSpan.FromDays(7), Time, NullLogger.Instance, retentionInterval: int.MaxValue);

    private protected override int ApplyRetention(ICollectorStore store) => ((SqliteCollectorStore)store).ApplyRetention();
}
