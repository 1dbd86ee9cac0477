using System.Globalization;

namespace LxdScope.Collector.Auth;

/// <summary>
/// Console users and viewers are configured alike: a name and the SHA-256 of their token, a token
/// that is no agent's (and, for viewers, no console user's: one token, one user).
/// </summary>
internal static class TokenUsers
{
    public static bool IsSha256Hex(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);

    /// <param name="at">The configuration path of the list, e.g. Collector:Console:Tokens.</param>
    public static void Validate(List<string> failures, string at, List<(string Name, string Sha256)> users, HashSet<string> agentHashes, HashSet<string> otherUsers)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < users.Count; i++)
        {
            var (name, sha256) = users[i];
            var entry = string.Create(CultureInfo.InvariantCulture, $"{at}:{i}");
            if (string.IsNullOrWhiteSpace(name))
            {
                failures.Add(entry + ":Name must not be empty.");
            }

            if (!IsSha256Hex(sha256))
            {
                failures.Add(entry + ":Sha256 must be 64 hex digits (the SHA-256 of the token, not the token).");
            }
            else if (agentHashes.Contains(sha256))
            {
                failures.Add(entry + ":Sha256 is also an agent token; agent tokens only push reports, give this user a token of their own.");
            }
            else if (otherUsers.Contains(sha256))
            {
                failures.Add(entry + ":Sha256 is also a console token; a console token reads already, give the viewer a token of their own.");
            }
            else if (!seen.Add(sha256))
            {
                failures.Add(entry + ":Sha256 repeats an earlier entry; a token must name one user.");
            }
        }
    }
}
