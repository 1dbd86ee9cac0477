using System.Globalization;
using System.Text.Unicode;

namespace LxdScope.Fan.Addressing;

/// <summary>A 48-bit MAC address in the low bits of a ulong, first octet most significant.</summary>
public readonly record struct MacAddress(ulong Value) : IUtf8SpanFormattable
{
    public static MacAddress Read(ReadOnlySpan<byte> sixBytes) =>
        new(((ulong)sixBytes[0] << 40) | ((ulong)sixBytes[1] << 32) | ((ulong)sixBytes[2] << 24)
            | ((ulong)sixBytes[3] << 16) | ((ulong)sixBytes[4] << 8) | sixBytes[5]);

    /// <summary>The group bit (I/G) of the first octet: broadcast and multicast frames, which a VTEP floods.</summary>
    public bool IsGroup => (Value & (1UL << 40)) != 0;

    /// <summary>Colon-separated lower-case hex in UTF-8, for the trace.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Utf8.TryWrite(
            utf8Destination,
            CultureInfo.InvariantCulture,
            $"{(Value >> 40) & 0xFF:x2}:{(Value >> 32) & 0xFF:x2}:{(Value >> 24) & 0xFF:x2}:{(Value >> 16) & 0xFF:x2}:{(Value >> 8) & 0xFF:x2}:{Value & 0xFF:x2}",
            out bytesWritten);

    public override string ToString() =>
        $"{(Value >> 40) & 0xFF:x2}:{(Value >> 32) & 0xFF:x2}:{(Value >> 24) & 0xFF:x2}:{(Value >> 16) & 0xFF:x2}:{(Value >> 8) & 0xFF:x2}:{Value & 0xFF:x2}";
}
