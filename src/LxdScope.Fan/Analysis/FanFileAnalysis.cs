using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using LxdScope.Fan.Capture;

namespace LxdScope.Fan.Analysis;

/// <summary>
/// A capture file analysed on two cores: the calling thread reads it through libpcap and decodes each
/// frame, a second thread correlates the decoded packets in capture order, and with a trace a third
/// formats them. Every packet reaches the correlator in the order of the file, so the report is exactly
/// the one <see cref="FanAnalyzer.Observe"/> gives frame by frame; only the work is spread.
/// </summary>
public static class FanFileAnalysis
{
    // Batches in flight: enough to keep both sides busy, few enough to stay within a couple of MiB.
    private const int Batches = 8;

    /// <summary>Analyses <paramref name="path"/>; with <paramref name="trace"/>, writes each packet's lines to it first, in file order.</summary>
    /// <exception cref="FanCaptureException">The file is missing, not a capture, or damaged (what was read before is traced, not judged).</exception>
    public static FanReport Analyze(string path, FanAnalyzerOptions options, Stream? trace = null)
    {
        var analyzer = new FanAnalyzer(options);
        using var stop = new CancellationTokenSource();
        using var free = new BlockingCollection<PacketBatch>(Batches);
        for (var i = 0; i < Batches; i++)
        {
            free.Add(new PacketBatch());
        }

        var consumers = new List<Consumer> { new(b => Correlate(analyzer, b)) };
        if (trace is not null)
        {
            var writer = new TraceWriter(trace);
            consumers.Add(new Consumer(writer.Write, writer.Flush));
        }

        foreach (var consumer in consumers)
        {
            consumer.Start(free, stop);
        }

        var batch = free.Take(stop.Token);
        try
        {
            FanCaptureFile.ForEach(path, (linkType, frame, time) =>
            {
                analyzer.DecodeFrame(linkType, frame, time, ref batch.Packets[batch.Count]);
                if (++batch.Count == PacketBatch.Capacity)
                {
                    Publish(batch, consumers);
                    batch = free.Take(stop.Token);
                    batch.Count = 0;
                }
            });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // A consumer failed; its exception is thrown below.
        }
        finally
        {
            // What was read before a damaged record is still traced (as tcpdump prints it) before the error.
            if (!stop.IsCancellationRequested && batch.Count > 0)
            {
                Publish(batch, consumers);
            }

            foreach (var consumer in consumers)
            {
                consumer.Finish();
            }
        }

        if (consumers.Select(c => c.Failure).FirstOrDefault(f => f is not null) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return analyzer.Finish();
    }

    private static void Correlate(FanAnalyzer analyzer, PacketBatch batch)
    {
        var packets = batch.Packets;
        for (var i = 0; i < batch.Count; i++)
        {
            analyzer.Correlate(packets[i]);
        }
    }

    private static void Publish(PacketBatch batch, List<Consumer> consumers)
    {
        batch.Users = consumers.Count;
        foreach (var consumer in consumers)
        {
            consumer.Queue.Add(batch);
        }
    }

    /// <summary>One thread taking every batch in order; the last user of a batch hands it back.</summary>
    private sealed class Consumer(Action<PacketBatch> work, Action? done = null)
    {
        private Thread? _thread;

        public BlockingCollection<PacketBatch> Queue { get; } = new(Batches);

        public Exception? Failure { get; private set; }

        public void Start(BlockingCollection<PacketBatch> free, CancellationTokenSource stop)
        {
            _thread = new Thread(() =>
            {
                try
                {
                    foreach (var batch in Queue.GetConsumingEnumerable(stop.Token))
                    {
                        work(batch);
                        if (Interlocked.Decrement(ref batch.Users) == 0)
                        {
                            batch.Count = 0;
                            free.Add(batch);
                        }
                    }

                    done?.Invoke();
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Another consumer failed first.
                }
#pragma warning disable CA1031 // Any failure is carried to the caller's thread and thrown there.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Failure = e;
                    stop.Cancel();
                }
            })
            { IsBackground = true, Name = "fan analysis" };
            _thread.Start();
        }

        public void Finish()
        {
            Queue.CompleteAdding();
            _thread!.Join();
            Queue.Dispose();
        }
    }

    /// <summary>Formats batches into one large buffer and writes it out when full: a write per few thousand lines.</summary>
    private sealed class TraceWriter(Stream output)
    {
        private readonly byte[] _buffer = new byte[1 << 18];
        private int _used;

        public void Write(PacketBatch batch)
        {
            var packets = batch.Packets;
            for (var i = 0; i < batch.Count; i++)
            {
                if (_buffer.Length - _used < FanTraceFormatter.MaxBytes)
                {
                    Flush();
                }

                _used += FanTraceFormatter.Write(packets[i], _buffer.AsSpan(_used));
            }
        }

        public void Flush()
        {
            output.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
