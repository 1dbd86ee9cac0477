namespace LxdScope.Collector.Tests.Support;

/// <summary>Viewer and console users for tests of who may read: a viewer, the console's "ops" and an admin.</summary>
internal static class ReaderTokens
{
    public const string Viewer = "viewer-secret-token";
    public const string Admin = "admin-secret-token";

    /// <summary>Viewers on ("prometheus"), the console with "ops" (<see cref="Mirrors.ConsoleToken"/>) and "auditor", an admin.</summary>
    public static string Settings() =>
        $$"""
        "Viewers": { "Tokens": [ { "Name": "prometheus", "Sha256": "{{TestCollector.Sha256(Viewer)}}" } ] },
        {{ConsoleOnly()}}
        """;

    /// <summary>The same console users, viewers off.</summary>
    public static string ConsoleOnly() =>
        $$"""
        "Console": { "Tokens": [
            { "Name": "ops", "Sha256": "{{TestCollector.Sha256(Mirrors.ConsoleToken)}}" },
            { "Name": "auditor", "Sha256": "{{TestCollector.Sha256(Admin)}}", "Admin": true } ] }
        """;
}
