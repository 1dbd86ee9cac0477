using System.Buffers.Binary;

namespace LxdScope.Lxd.Tests;

/// <summary>
/// Seeded damage to a real file: bit flips, truncations, runs of one byte, and header fields
/// (the first 100 bytes) overwritten with extreme little- and big-endian integers.
/// </summary>
internal static class FileMutations
{
    private static readonly ulong[] Extremes = [0, 1, 0x7F, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x7FFF_FFFF_FFFF_FFFF, ulong.MaxValue, 1UL << 32, 65536, 512];

    /// <summary>Case counts: the CI default, or the full-size count from <paramref name="variable"/>.</summary>
    public static int Cases(string variable, int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var n) && n > 0 ? n : ciDefault;

    public static (byte[] Bytes, string Description) Mutate(Random random, byte[] original)
    {
        var bytes = (byte[])original.Clone();
        if (bytes.Length == 0)
        {
            return (bytes, "empty");
        }

        switch (random.Next(5))
        {
            case 0:
            {
                var flips = random.Next(1, 16);
                for (var i = 0; i < flips; i++)
                {
                    var at = random.Next(bytes.Length);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                }

                return (bytes, $"{flips} bit flips");
            }

            case 1:
            {
                var length = random.Next(bytes.Length);
                return (bytes[..length], $"truncated to {length}");
            }

            case 2:
            {
                var at = random.Next(bytes.Length);
                var length = Math.Min(bytes.Length - at, random.Next(1, 4096));
                var value = random.Next(3) switch { 0 => (byte)0, 1 => (byte)0xFF, _ => (byte)random.Next(256) };
                bytes.AsSpan(at, length).Fill(value);
                return (bytes, $"{length} bytes of 0x{value:x2} at {at}");
            }

            case 3:
            {
                var at = random.Next(Math.Max(1, Math.Min(bytes.Length, 100) - 7));
                var value = Extremes[random.Next(Extremes.Length)];
                if (at + 8 <= bytes.Length)
                {
                    if (random.Next(2) == 0)
                    {
                        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), value);
                    }
                    else
                    {
                        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(at), value);
                    }
                }

                return (bytes, $"header field at {at} = {value}");
            }

            default:
            {
                var at = random.Next(bytes.Length);
                var noise = new byte[Math.Min(bytes.Length - at, random.Next(1, 512))];
                random.NextBytes(noise);
                noise.CopyTo(bytes, at);
                return (bytes, $"{noise.Length} random bytes at {at}");
            }
        }
    }

    /// <summary>Every 8-byte position in the first <paramref name="span"/> bytes set to every extreme value, little- and big-endian.</summary>
    public static IEnumerable<(byte[] Bytes, string Description)> HeaderSweep(byte[] original, int span)
    {
        for (var at = 0; at + 8 <= Math.Min(span, original.Length); at++)
        {
            foreach (var value in Extremes)
            {
                var little = (byte[])original.Clone();
                BinaryPrimitives.WriteUInt64LittleEndian(little.AsSpan(at), value);
                yield return (little, $"LE field at {at} = {value}");
                var big = (byte[])original.Clone();
                BinaryPrimitives.WriteUInt64BigEndian(big.AsSpan(at), value);
                yield return (big, $"BE field at {at} = {value}");
            }
        }
    }

    /// <summary>Runs one case on a thread of its own, failing it if it does not finish within <paramref name="bound"/>.</summary>
    public static void Bounded(TimeSpan bound, string description, Action action)
    {
        var work = Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (!work.Wait(bound))
            {
                Assert.Fail($"{description}: still running after {bound.TotalSeconds} s");
            }
        }
        catch (AggregateException e)
        {
            Assert.Fail($"{description}: {e.InnerException}");
        }
    }
}
