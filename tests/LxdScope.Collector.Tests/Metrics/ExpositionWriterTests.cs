using System.IO.Pipelines;
using System.Text;
using LxdScope.Collector.Metrics;

namespace LxdScope.Collector.Tests.Metrics;

public sealed class ExpositionWriterTests
{
    private static readonly MetricFamily Pair = new("lxdscope_test_pair", "gauge", "A pair.", "cluster", "member");
    private static readonly MetricFamily Plain = new("lxdscope_test_plain_total", "counter", "Help with a \\ and a\nnewline.");

    private static async Task<string> Write(Action<ExpositionWriter> write)
    {
        using var buffer = new MemoryStream();
        var pipe = PipeWriter.Create(buffer, new StreamPipeWriterOptions(leaveOpen: true));
        var writer = new ExpositionWriter(pipe);
        write(writer);
        await writer.FlushAsync(CancellationToken.None);
        await pipe.CompleteAsync();
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public async Task A_family_writes_its_help_and_type_once_with_its_first_sample()
    {
        var text = await Write(w =>
        {
            w.Begin(Pair);
            w.Sample(1, "alpha", "node1");
            w.Sample(0.0002, "alpha", "node2");
        });

        Assert.Equal(
            "# HELP lxdscope_test_pair A pair.\n# TYPE lxdscope_test_pair gauge\n" +
            "lxdscope_test_pair{cluster=\"alpha\",member=\"node1\"} 1\n" +
            "lxdscope_test_pair{cluster=\"alpha\",member=\"node2\"} 0.0002\n",
            text);
    }

    [Fact]
    public async Task A_family_without_samples_writes_nothing()
    {
        var text = await Write(w =>
        {
            w.Begin(Pair);
            w.Begin(Plain);
            w.Sample(3);
        });

        Assert.DoesNotContain("lxdscope_test_pair", text, StringComparison.Ordinal);
        Assert.EndsWith("# TYPE lxdscope_test_plain_total counter\nlxdscope_test_plain_total 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Label_values_and_help_are_escaped_and_non_ascii_passes_as_utf8()
    {
        var text = await Write(w =>
        {
            w.Begin(Pair);
            w.Sample(1, "a\"b\\c\nd", "nœud-é");
            w.Begin(Plain);
            w.Sample(1);
        });

        Assert.Contains("lxdscope_test_pair{cluster=\"a\\\"b\\\\c\\nd\",member=\"nœud-é\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP lxdscope_test_plain_total Help with a \\\\ and a\\nnewline.\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(1e-5, "1E-05")]
    [InlineData(1772366400, "1772366400")]
    [InlineData(-2.5, "-2.5")]
    public async Task Values_are_written_as_prometheus_reads_them(double value, string expected)
    {
        var text = await Write(w =>
        {
            w.Begin(Plain);
            w.Sample(value);
        });

        Assert.EndsWith($"lxdscope_test_plain_total {expected}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sample_with_the_wrong_number_of_labels_or_no_family_is_refused()
    {
        var wrong = await Assert.ThrowsAsync<ArgumentException>(() => Write(w =>
        {
            w.Begin(Pair);
            w.Sample(1, "alpha");
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Write(w => w.Sample(1)));

        Assert.Contains("lxdscope_test_pair has 2 labels, not 1", wrong.Message, StringComparison.Ordinal);
    }
}
