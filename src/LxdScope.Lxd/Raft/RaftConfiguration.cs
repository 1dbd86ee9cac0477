using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace LxdScope.Lxd.Raft;

/// <summary>A raft membership configuration, as stored in RAFT_CHANGE entries and snapshot .meta files.</summary>
/// <param name="Index">The log index of the entry that carried this configuration.</param>
/// <param name="Servers">The members, in the order raft stores them.</param>
public sealed record RaftConfiguration(ulong Index, IReadOnlyList<RaftServer> Servers)
{
    // Layout from canonical/dqlite src/raft/configuration.c (configurationEncodeToBuf):
    // u8 version (1); u64 n; n x { u64 id; NUL-terminated address; u8 role (C numbering) },
    // padded to 8 bytes as a whole.
    private const byte EncodingFormat = 1;

    // Smallest possible server record: 8-byte id, an empty address's NUL and the role byte.
    private const int MinServerSize = 8 + 1 + 1;

    /// <summary>
    /// Decodes an encoded configuration. Never throws on bad bytes: returns false and a
    /// plain-English reason instead.
    /// </summary>
    /// <param name="bytes">The RAFT_CHANGE payload or the configuration part of a snapshot .meta.</param>
    /// <param name="index">The log index to record as <see cref="Index"/>.</param>
    /// <param name="configuration">The decoded configuration, on success.</param>
    /// <param name="error">Why decoding failed, on failure.</param>
    public static bool TryDecode(
        ReadOnlySpan<byte> bytes,
        ulong index,
        [NotNullWhen(true)] out RaftConfiguration? configuration,
        [NotNullWhen(false)] out string? error)
    {
        configuration = null;
        if (bytes.Length < 1 + 8)
        {
            error = $"configuration is {bytes.Length} bytes, shorter than its 9-byte header";
            return false;
        }

        if (bytes[0] != EncodingFormat)
        {
            error = $"configuration encoding version is {bytes[0]}, expected {EncodingFormat}";
            return false;
        }

        var count = BinaryPrimitives.ReadUInt64LittleEndian(bytes[1..]);
        var rest = bytes[9..];
        if (count > (ulong)(rest.Length / MinServerSize))
        {
            error = $"configuration claims {count} servers but only {rest.Length} bytes follow";
            return false;
        }

        var servers = new List<RaftServer>((int)count);
        var ids = new HashSet<ulong>();
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        for (ulong i = 0; i < count; i++)
        {
            if (rest.Length < 8)
            {
                error = $"server {i + 1} of {count}: id is cut short";
                return false;
            }

            var id = BinaryPrimitives.ReadUInt64LittleEndian(rest);
            rest = rest[8..];

            var nul = rest.IndexOf((byte)0);
            if (nul < 0)
            {
                error = $"server {i + 1} of {count}: address has no terminating NUL";
                return false;
            }

            var address = Encoding.UTF8.GetString(rest[..nul]);
            rest = rest[(nul + 1)..];
            if (rest.IsEmpty)
            {
                error = $"server {i + 1} of {count} ({address}): role byte is missing";
                return false;
            }

            if (!RaftRoles.TryFromCRaft(rest[0], out var role))
            {
                error = $"server {i + 1} of {count} ({address}): role byte {rest[0]} is not 0, 1 or 2";
                return false;
            }

            rest = rest[1..];

            // configurationAdd rejects these, so raft never writes them.
            if (id == 0)
            {
                error = $"server {i + 1} of {count} ({address}): id is 0";
                return false;
            }

            if (!ids.Add(id))
            {
                error = $"server id {id} appears twice";
                return false;
            }

            if (!addresses.Add(address))
            {
                error = $"server address {address} appears twice";
                return false;
            }

            servers.Add(new RaftServer(id, address, role));
        }

        configuration = new RaftConfiguration(index, servers);
        error = null;
        return true;
    }
}
