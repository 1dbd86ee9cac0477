using System.IO.Compression;
using System.Text.Json;
using LxdScope.Agent.Push;
using LxdScope.Contracts;

namespace LxdScope.Agent.Tests.Push;

public sealed class ReportEncodingTests
{
    [Fact]
    public void The_body_is_gzip_of_the_contract_json()
    {
        var report = TestReports.Make("epoch-1", 42);

        var body = ReportEncoding.Gzip(report);

        Assert.Equal([0x1f, 0x8b], body[..2]);
        using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var json = new MemoryStream();
        gzip.CopyTo(json);
        var text = System.Text.Encoding.UTF8.GetString(json.ToArray());
        Assert.Contains("\"agent_id\":\"agent-1\"", text, StringComparison.Ordinal);
        Assert.Contains("\"sequence\":42", text, StringComparison.Ordinal);
        var decoded = JsonSerializer.Deserialize(json.ToArray(), ContractJson.Default.AgentReport)!;
        Assert.Equal(report.Epoch, decoded.Epoch);
        Assert.Equal(report.Sequence, decoded.Sequence);
        Assert.Equal(report.CollectedAt, decoded.CollectedAt);
    }

    [Fact]
    public void Encoded_reports_pass_the_spool_integrity_check()
    {
        Assert.Null(ReportSpool.CheckGzip(ReportEncoding.Gzip(TestReports.Make("e", 1))));
    }
}
