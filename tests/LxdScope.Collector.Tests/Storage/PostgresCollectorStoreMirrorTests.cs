using LxdScope.Collector.Storage;
using LxdScope.Collector.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LxdScope.Collector.Tests.Storage;

public sealed class PostgresCollectorStoreMirrorTests : CollectorStoreMirrorContractTests
{
    private readonly string connectionString = PostgresServer.Shared.CreateDatabase("mirrors");

    private protected override PostgresCollectorStore Open() =>
        new(connectionString, TimeSpan.FromDays(7), Time, NullLogger.Instance, retentionInterval: int.MaxValue);

    private protected override int ApplyRetention(ICollectorStore store) => ((PostgresCollectorStore)store).ApplyRetention();
}
