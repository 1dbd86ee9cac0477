using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using LxdScope.Collector.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Tests.Auth;

/// <summary>
/// Traffic with right, wrong and rotated tokens, client certificates and bad requests; every
/// log line (every level, every category) and every answer is searched for a secret.
/// </summary>
public sealed class NoSecretsTests
{
    private const string RotatedToken = "rotated-secret-token-after";
    private const string GuessedToken = "guessed-secret-token-wrong";
    private const string DatabasePassword = "pg-secret-password-in-options";

    [Fact]
    public async Task No_token_hash_or_secret_appears_in_logs_or_answers()
    {
        var logs = new CapturingLoggerProvider();
        using var pinned = TestCertificates.Client("pinned-agent");
        using var unknown = TestCertificates.Client("unknown-agent");
        await using var collector = await HttpsCollector.StartAsync(
            Support.Mirrors.ConsoleSettings() + $$"""
            , "AgentCertificates": { "Mode": "Accepted", "Trusted": [ { "Cluster": "alpha", "Sha256": "{{TestCertificates.Sha256(pinned)}}" } ] },
              "Storage": { "ConnectionString": "Host=db.example;Username=lxdscope;Password={{DatabasePassword}}" }
            """,
            logging: b =>
            {
                b.AddProvider(logs);
                b.SetMinimumLevel(LogLevel.Trace);
                b.AddFilter("Microsoft", LogLevel.Trace);
            });
        var answers = new StringBuilder();
        using var client = collector.AgentClient(collector.CaPath);
        using var withPinned = collector.AgentClient(collector.CaPath, pinned, "pinned");
        using var withUnknown = collector.AgentClient(collector.CaPath, unknown, "unknown");

        async Task<HttpStatusCode> Keep(Task<HttpResponseMessage> sending)
        {
            using var response = await sending;
            answers.Append(response.Headers).Append(await response.Content.ReadAsStringAsync()).Append('\n');
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Keep(HttpsCollector.PushAsync(client, Reports.Valid(sequence: 1))));
        Assert.Equal(HttpStatusCode.Unauthorized, await Keep(HttpsCollector.PushAsync(client, Reports.Valid(sequence: 2), GuessedToken)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Keep(HttpsCollector.PushAsync(client, Reports.Valid(sequence: 2), Support.Mirrors.ConsoleToken)));
        Assert.Equal(HttpStatusCode.Forbidden, await Keep(HttpsCollector.PushAsync(client, Reports.Valid(sequence: 2), TestCollector.OtherToken)));
        Assert.Equal(HttpStatusCode.OK, await Keep(HttpsCollector.PushAsync(withPinned, Reports.Valid(sequence: 3), token: null)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Keep(HttpsCollector.PushAsync(withUnknown, Reports.Valid(sequence: 4))));
        Assert.Equal(HttpStatusCode.BadRequest, await Keep(Raw(client, "/api/v1/reports", "{\"cluster\": \"" + TestCollector.Token + "\"", TestCollector.Token)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Keep(Raw(client, "/api/v1/sql", "{}", TestCollector.Token)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Keep(Raw(client, "/api/v1/sql", "{}", GuessedToken)));
        Assert.Equal(HttpStatusCode.NotFound, await Keep(Raw(client, "/api/v1/sql", "{\"cluster\":\"alpha\",\"database\":\"global\",\"query\":\"SELECT x FROM nope\"}", Support.Mirrors.ConsoleToken)));

        // Rotation: the old token stops, the new one works, and neither is written anywhere.
        var config = collector.Directory.File("collector.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace(TestCollector.Sha256(TestCollector.Token), TestCollector.Sha256(RotatedToken), StringComparison.Ordinal));
        ((IConfigurationRoot)collector.App.Services.GetRequiredService<IConfiguration>()).Reload();
        Assert.Equal(HttpStatusCode.Unauthorized, await Keep(HttpsCollector.PushAsync(client, Reports.Valid(sequence: 5))));
        Assert.Equal(HttpStatusCode.OK, await Keep(HttpsCollector.PushAsync(client, Reports.Valid(sequence: 5), RotatedToken)));
        answers.Append(await client.GetStringAsync("/metrics")).Append(await client.GetStringAsync("/api/v1/clusters/alpha"));

        var everything = string.Join('\n', logs.Lines) + '\n' + answers;
        Assert.True(logs.Lines.Count > 10, $"only {logs.Lines.Count} log lines were captured");
        foreach (var secret in Secrets(pinned))
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_token_pasted_where_its_hash_belongs_is_refused_without_echoing_it()
    {
        using var directory = new TempDirectory();
        var config = directory.File("collector.json");
        File.WriteAllText(config, $$"""
            { "Collector": { "DatabasePath": {{HttpsCollector.Json(directory.File("c.db"))}},
              "Tokens": [ { "Cluster": "alpha", "Sha256": "{{TestCollector.Token}}" } ],
              "Console": { "Tokens": [ { "Name": "ops", "Sha256": "{{Support.Mirrors.ConsoleToken}}" } ] } } }
            """);
        var logs = new CapturingLoggerProvider();
        await using var app = CollectorApp.Create(["--config", config, "--urls", "http://127.0.0.1:0"], b =>
        {
            b.Logging.ClearProviders();
            b.Logging.AddProvider(logs);
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Collector:Tokens:0:Sha256", failure.Message, StringComparison.Ordinal);
        var everything = failure.ToString() + string.Join('\n', logs.Lines);
        Assert.DoesNotContain(TestCollector.Token, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Support.Mirrors.ConsoleToken, everything, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Secrets(X509Certificate2 certificate)
    {
        foreach (var token in new[] { TestCollector.Token, TestCollector.OtherToken, Support.Mirrors.ConsoleToken, RotatedToken, GuessedToken })
        {
            yield return token;
            yield return TestCollector.Sha256(token);
        }

        yield return DatabasePassword;
        var key = certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem().Split('\n')[1];
        yield return key;
    }

    private static Task<HttpResponseMessage> Raw(HttpClient client, string path, string body, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
