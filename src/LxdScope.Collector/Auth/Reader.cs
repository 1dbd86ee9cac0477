namespace LxdScope.Collector.Auth;

/// <summary>A person or tool reading the collector, named by the token they presented.</summary>
/// <param name="Name">The name configured with the token (never the token or its hash).</param>
/// <param name="Console">A console user's token: it opens the SQL console, and reads as a viewer's does.</param>
/// <param name="Admin">A console user marked admin: may also read the console's audit record.</param>
internal sealed record Reader(string Name, bool Console, bool Admin);
