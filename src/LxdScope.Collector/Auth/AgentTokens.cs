using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Auth;

/// <summary>Resolves an agent's bearer token to the cluster it was issued for.</summary>
/// <remarks>
/// Reads the current options on every call, so a changed configuration file rotates tokens
/// without a restart. Neither a token nor its hash is ever logged or returned.
/// </remarks>
public sealed class AgentTokens(IOptionsMonitor<CollectorOptions> options)
{
    private const string Scheme = "Bearer ";

    /// <summary>The cluster of the token in an <c>Authorization</c> header value, or null when there is none or it is unknown.</summary>
    public string? ClusterForHeader(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return ClusterFor(authorization.AsSpan(Scheme.Length).Trim());
    }

    /// <summary>The cluster of a presented token, or null when it is unknown.</summary>
    public string? ClusterFor(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty)
        {
            return null;
        }

        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        HashToken(token, presented);

        Span<byte> configured = stackalloc byte[SHA256.HashSizeInBytes];
        string? cluster = null;
        // Every entry is compared, in constant time each, so the time taken does not tell how
        // much of a guessed hash matched.
        foreach (var entry in options.CurrentValue.Tokens)
        {
            if (Convert.FromHexString(entry.Sha256, configured, out _, out var written) != System.Buffers.OperationStatus.Done
                || written != configured.Length)
            {
                continue; // Refused by validation at start; a bad edit later must not let anything in.
            }

            if (CryptographicOperations.FixedTimeEquals(presented, configured))
            {
                cluster ??= entry.Cluster;
            }
        }

        return cluster;
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
