using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace LxdScope.Collector.Metrics;

/// <summary>
/// Writes Prometheus's text exposition format 0.0.4 as UTF-8 into a pipe: a family's HELP and
/// TYPE lines with its first sample (a family without samples writes nothing), label values
/// escaped. Synchronous between flushes: the caller flushes between clusters, so that a fleet's
/// scrape holds one cluster's text in memory, not the fleet's.
/// </summary>
internal sealed class ExpositionWriter(PipeWriter output)
{
    private static readonly SearchValues<char> Escaped = SearchValues.Create("\\\"\n");
    private MetricFamily? family;
    private bool headerWritten;

    /// <summary>Bytes written since the last flush.</summary>
    public long Unflushed { get; private set; }

    /// <summary>The family the next samples belong to; its header goes out with the first of them.</summary>
    public void Begin(MetricFamily next)
    {
        family = next;
        headerWritten = false;
    }

    public void Sample(double value, params ReadOnlySpan<string> labels)
    {
        var f = family ?? throw new InvalidOperationException("Begin a family before its samples.");
        if (labels.Length != f.LabelOpenings.Length)
        {
            throw new ArgumentException($"{f.Name} has {f.LabelOpenings.Length} labels, not {labels.Length}.", nameof(labels));
        }

        if (!headerWritten)
        {
            Write(f.Header);
            headerWritten = true;
        }

        if (labels.Length == 0)
        {
            Write(f.NameOnly);
        }
        else
        {
            for (var i = 0; i < labels.Length; i++)
            {
                Write(f.LabelOpenings[i]);
                WriteLabelValue(labels[i]);
            }

            Write("\"}"u8);
        }

        Write(" "u8);
        WriteValue(value);
        Write("\n"u8);
    }

    /// <summary>Exposition text made elsewhere (the collector's own registry), passed through.</summary>
    public void Raw(ReadOnlySpan<byte> text) => Write(text);

    public async ValueTask FlushAsync(CancellationToken ct)
    {
        Unflushed = 0;
        var result = await output.FlushAsync(ct);
        if (result.IsCanceled)
        {
            throw new OperationCanceledException(ct);
        }
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        Unflushed += bytes.Length;
    }

    private void WriteLabelValue(string value)
    {
        if (value.AsSpan().IndexOfAny(Escaped) < 0)
        {
            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
            var n = Encoding.UTF8.GetBytes(value, span);
            output.Advance(n);
            Unflushed += n;
            return;
        }

        // Label values escape backslash, double quote and newline (exposition format 0.0.4).
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        Write(Encoding.UTF8.GetBytes(escaped));
    }

    private void WriteValue(double value)
    {
        // Go's ParseFloat, which Prometheus uses, reads "NaN", "+Inf" and "-Inf", not .NET's "Infinity".
        if (double.IsPositiveInfinity(value))
        {
            Write("+Inf"u8);
            return;
        }

        if (double.IsNegativeInfinity(value))
        {
            Write("-Inf"u8);
            return;
        }

        var span = output.GetSpan(32);
        // The shortest text that reads back as the same double ("0.0002", "1772366400", "1E-05").
        if (!value.TryFormat(span, out var n, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A double did not fit in 32 bytes.");
        }

        output.Advance(n);
        Unflushed += n;
    }
}
