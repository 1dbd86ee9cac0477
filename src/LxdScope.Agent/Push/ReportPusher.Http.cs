using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LxdScope.Contracts;

namespace LxdScope.Agent.Push;

/// <summary>One request to the collector and what its answer means.</summary>
internal sealed partial class ReportPusher
{
    /// <summary>Enough for any problem+json or ingest answer; a misbehaving peer cannot make us buffer more.</summary>
    private const int MaxAnswerBytes = 64 * 1024;

    private async Task<DeliveryResult> SendAsync(SpooledReport report, Uri url, CancellationToken cancellationToken)
    {
        // Real time, not the injected clock: it bounds a real socket, and a test's stopped clock must
        // not turn a hung collector into a hung pusher.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);

        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token);
        request.Content = new ReadOnlyMemoryContent(report.Content);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed($"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return Failed(e.Message);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var (body, bodyProblem) = await ReadAnswerAsync(response, cancellationToken, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return Acknowledged(report, status, body, bodyProblem);
            }

            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.RequestEntityTooLarge)
            {
                return new DeliveryResult(DeliveryOutcome.Rejected, status, false, bodyProblem ?? ProblemDetail(body), null);
            }

            var answer = $"HTTP {status} {response.ReasonPhrase}";
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return new DeliveryResult(DeliveryOutcome.Unauthorized, status, false, answer, null);
            }

            return new DeliveryResult(DeliveryOutcome.Failed, status, false, answer, RetryAfter(response));
        }
    }

    private static DeliveryResult Failed(string reason) => new(DeliveryOutcome.Failed, 0, false, reason, null);

    private DeliveryResult Acknowledged(SpooledReport report, int status, byte[] body, string? bodyProblem)
    {
        // The collector answers only after storing the report: a 2xx is an acknowledgement even
        // when its body cannot be read, and sending again would at worst be counted as a duplicate.
        IngestResponse? answer = null;
        if (bodyProblem is null)
        {
            try
            {
                answer = JsonSerializer.Deserialize(body, ContractJson.Default.IngestResponse);
                bodyProblem = answer is null ? "it is null" : null;
            }
            catch (JsonException e)
            {
                bodyProblem = e.Message;
            }
        }

        if (bodyProblem is not null)
        {
            _logger.AcknowledgementUnreadable(report.Sequence, bodyProblem);
        }

        if (answer is not null)
        {
            Answered?.Invoke(answer);
        }

        return new DeliveryResult(DeliveryOutcome.Acknowledged, status, answer?.Duplicate ?? false, "", null);
    }

    /// <summary>The answer's body, at most <see cref="MaxAnswerBytes"/>, or why it could not be read.</summary>
    private static async Task<(byte[] Body, string? Problem)> ReadAnswerAsync(
        HttpResponseMessage response, CancellationToken cancellationToken, CancellationToken timeout)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(timeout);
            var buffer = new byte[MaxAnswerBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), timeout)) > 0)
            {
                length += read;
            }

            return (buffer[..length], null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ([], "the body did not arrive in time");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return ([], $"the body could not be read: {e.Message}");
        }
    }

    /// <summary>The <c>detail</c> of a problem+json answer (RFC 9457), else its title, else its text.</summary>
    internal static string ProblemDetail(byte[] body)
    {
        if (body.Length == 0)
        {
            return "(no body)";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (ReadOnlySpan<string>)["detail", "title"])
                {
                    if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString()!;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's HTML page, say): the text itself says more than nothing.
        }

        var text = Encoding.UTF8.GetString(body);
        return text.Length <= 500 ? text : string.Concat(text.AsSpan(0, 500), "…");
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow(),
        _ => null,
    };
}
