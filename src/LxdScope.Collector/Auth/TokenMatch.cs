using System.Security.Cryptography;
using System.Text;

namespace LxdScope.Collector.Auth;

/// <summary>
/// Finds a presented bearer token among configured SHA-256 hashes. Every entry is compared, in
/// constant time each, so the time taken does not tell how much of a guessed hash matched.
/// Neither a token nor its hash is ever logged or returned.
/// </summary>
internal static class TokenMatch
{
    private const string Scheme = "Bearer ";

    /// <summary>The token of an <c>Authorization: Bearer</c> header value; empty when there is none.</summary>
    public static ReadOnlySpan<char> FromHeader(string? authorization) =>
        authorization is not null && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? authorization.AsSpan(Scheme.Length).Trim()
            : [];

    /// <summary>The value of the first entry whose hash is the token's, or null.</summary>
    public static T? Find<T>(ReadOnlySpan<char> token, IEnumerable<(string Sha256, T Value)> entries)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (token.IsEmpty)
        {
            return null;
        }

        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        HashToken(token, presented);

        Span<byte> configured = stackalloc byte[SHA256.HashSizeInBytes];
        T? found = null;
        foreach (var (sha256, value) in entries)
        {
            if (Convert.FromHexString(sha256, configured, out _, out var written) != System.Buffers.OperationStatus.Done
                || written != configured.Length)
            {
                continue; // Refused by validation at start; a bad edit later must not let anything in.
            }

            if (CryptographicOperations.FixedTimeEquals(presented, configured))
            {
                found ??= value;
            }
        }

        return found;
    }

    private static void HashToken(ReadOnlySpan<char> token, Span<byte> hash)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(token.Length);
        var rented = maxBytes <= 1024 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(maxBytes);
        Span<byte> utf8 = rented is null ? stackalloc byte[1024] : rented;
        try
        {
            var length = Encoding.UTF8.GetBytes(token, utf8);
            SHA256.HashData(utf8[..length], hash);
        }
        finally
        {
            if (rented is not null)
            {
                CryptographicOperations.ZeroMemory(rented);
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
            else
            {
                CryptographicOperations.ZeroMemory(utf8);
            }
        }
    }
}
