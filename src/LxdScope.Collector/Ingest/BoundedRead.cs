namespace LxdScope.Collector.Ingest;

/// <summary>Reads a stream to its end into one array, stopping as soon as it holds more than a limit.</summary>
internal static class BoundedRead
{
    private const int DefaultCapacity = 16 * 1024;

    /// <returns>The bytes read (the array may be longer) and whether the stream exceeded <paramref name="limit"/>.</returns>
    public static async Task<(byte[] Buffer, int Length, bool Exceeded)> ReadAsync(Stream stream, long limit, long? expectedLength, CancellationToken cancellationToken)
    {
        var buffer = new byte[InitialCapacity(limit, expectedLength)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length && !TryGrow(ref buffer, limit))
            {
                return (buffer, length, true);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return (buffer, length, false);
            }

            length += read;
        }
    }

    /// <inheritdoc cref="ReadAsync"/>
    public static (byte[] Buffer, int Length, bool Exceeded) Read(Stream stream, long limit, long? expectedLength)
    {
        var buffer = new byte[InitialCapacity(limit, expectedLength)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length && !TryGrow(ref buffer, limit))
            {
                return (buffer, length, true);
            }

            var read = stream.Read(buffer.AsSpan(length));
            if (read == 0)
            {
                return (buffer, length, false);
            }

            length += read;
        }
    }

    // One byte beyond the limit is room enough to learn that the stream has more.
    private static int InitialCapacity(long limit, long? expectedLength) =>
        (int)Math.Min(limit + 1, Math.Max(1, expectedLength is { } n and >= 0 ? n + 1 : DefaultCapacity));

    /// <returns>False when the buffer already holds more than the limit.</returns>
    private static bool TryGrow(ref byte[] buffer, long limit)
    {
        if (buffer.Length > limit)
        {
            return false;
        }

        var size = (int)Math.Min(limit + 1, Math.Max(DefaultCapacity, (long)buffer.Length * 2));
        Array.Resize(ref buffer, size);
        return true;
    }
}
