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

    /// <summary>Room for any value: a double's shortest round-trip text is at most 24 characters.</summary>
    private const int ValueBytes = 32;
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

        // One span for the whole line, one Advance: a fleet's scrape writes millions of these.
        // The bound holds every label value escaped (at most twice its UTF-8 length) and a value.
        var bound = f.NameOnly.Length + 2 + ValueBytes;
        for (var i = 0; i < labels.Length; i++)
        {
            bound += f.LabelOpenings[i].Length + 2 * Encoding.UTF8.GetMaxByteCount(labels[i].Length);
        }

        var span = output.GetSpan(bound);
        var n = 0;
        if (labels.Length == 0)
        {
            f.NameOnly.CopyTo(span);
            n = f.NameOnly.Length;
        }
        else
        {
            for (var i = 0; i < labels.Length; i++)
            {
                f.LabelOpenings[i].CopyTo(span[n..]);
                n += f.LabelOpenings[i].Length;
                n += LabelValue(labels[i], span[n..]);
            }

            span[n++] = (byte)'"';
            span[n++] = (byte)'}';
        }

        span[n++] = (byte)' ';
        n += Value(value, span[n..]);
        span[n++] = (byte)'\n';
        output.Advance(n);
        Unflushed += n;
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

    /// <summary>The label value, escaped: backslash, double quote and newline (exposition format 0.0.4).</summary>
    private static int LabelValue(string value, Span<byte> destination)
    {
        if (value.AsSpan().IndexOfAny(Escaped) < 0)
        {
            return Encoding.UTF8.GetBytes(value, destination);
        }

        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(escaped, destination);
    }

    private static int Value(double value, Span<byte> destination)
    {
        // Go's ParseFloat, which Prometheus uses, reads "NaN", "+Inf" and "-Inf", not .NET's "Infinity".
        if (double.IsPositiveInfinity(value))
        {
            "+Inf"u8.CopyTo(destination);
            return 4;
        }

        if (double.IsNegativeInfinity(value))
        {
            "-Inf"u8.CopyTo(destination);
            return 4;
        }

        int n;
        // Most values are counts and flags: whole numbers format as integers, several times faster.
        var written = Math.Abs(value) < 1e15 && value == Math.Floor(value)
            ? ((long)value).TryFormat(destination, out n, default, CultureInfo.InvariantCulture)
            // The shortest text that reads back as the same double ("0.0002", "1E-05").
            : value.TryFormat(destination, out n, "R", CultureInfo.InvariantCulture);
        return written ? n : throw new InvalidOperationException("A value did not fit in its bound.");
    }
}
