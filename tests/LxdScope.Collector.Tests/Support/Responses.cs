using System.Net;
using System.Text.Json;
using LxdScope.Contracts;

namespace LxdScope.Collector.Tests.Support;

/// <summary>Assertions on the collector's answers.</summary>
internal static class Responses
{
    /// <summary>Asserts a problem-details answer with this status; returns its detail.</summary>
    public static async Task<string> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        var detail = problem.RootElement.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.True(detail.Length <= 300, $"detail of {detail.Length} characters");
        return detail;
    }

    public static async Task<IngestResponse> AssertOk(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize(body, ContractJson.Default.IngestResponse)!;
    }
}
