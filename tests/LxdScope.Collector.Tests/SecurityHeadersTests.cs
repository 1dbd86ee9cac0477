using LxdScope.Collector.Tests.Support;

namespace LxdScope.Collector.Tests;

public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/sql")]
    [InlineData("/clusters/alpha")]
    [InlineData("/api/v1/clusters")]
    [InlineData("/nowhere")]
    public async Task Pages_api_and_errors_carry_every_security_header(string path)
    {
        await using var collector = await TestCollector.StartAsync();

        var response = await collector.Client.GetAsync(path);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        // Plain HTTP: HSTS would be ignored by browsers and is not sent (TlsTests sees it over HTTPS).
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
