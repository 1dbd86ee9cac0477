namespace LxdScope.Agent.Tests.Push;

internal static class Eventually
{
    /// <summary>Waits (real time, at most 10 s) until the condition holds; fails naming what was awaited.</summary>
    public static async Task True(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(5);
        }
    }
}
