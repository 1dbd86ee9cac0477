namespace LxdScope.Agent.Tests.Push;

/// <summary>What the fake collector answers one request with; <see cref="Store"/> answers as the real one does.</summary>
internal sealed record FakeAnswer(int Status, string? Detail = null)
{
    public static readonly FakeAnswer Store = new(200);
}
