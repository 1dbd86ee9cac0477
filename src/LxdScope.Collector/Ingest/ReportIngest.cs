using System.Text.Json;
using LxdScope.Collector.Auth;
using LxdScope.Collector.Mirrors;
using LxdScope.Collector.Sql;
using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using LxdScope.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Ingest;

/// <summary>
/// One pushed report, from request to acknowledgement: authenticate, read within limits,
/// decompress, parse, validate, clamp timestamps, store durably with the reports arriving
/// together (<see cref="ReportCommitter"/>), which hands it to the state, then acknowledge.
/// </summary>
internal sealed partial class ReportIngest(
    AgentCredentials identity,
    IOptionsMonitor<CollectorOptions> options,
    ReportCommitter committer,
    IStateUpdater state,
    IngestCounters counters,
    GlobalContentElection election,
    TimeProvider time,
    ILogger<ReportIngest> logger)
{
    /// <summary>Seconds an agent should wait before resending when the store is unavailable.</summary>
    private const string RetryAfterSeconds = "30";

    public async Task<Results<JsonHttpResult<IngestResponse>, ProblemHttpResult>> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var settings = options.CurrentValue;

        var (tokenCluster, authStatus, authProblem) = identity.Resolve(context);
        if (tokenCluster is null)
        {
            if (authStatus == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }

            return Reject(IngestProblem.Create(
                authStatus,
                authStatus == StatusCodes.Status401Unauthorized ? IngestRejectReason.Unauthorized : IngestRejectReason.Forbidden,
                authProblem!));
        }

        var (body, readProblem) = await ReportBody.ReadAsync(request, settings.MaxReportBytes, context.RequestAborted);
        if (readProblem is not null)
        {
            return Reject(readProblem);
        }

        var (json, decodeProblem) = ReportBody.Decode(request.Headers.ContentEncoding.ToString(), body, settings.MaxDecompressedBytes);
        if (decodeProblem is not null)
        {
            return Reject(decodeProblem);
        }

        var (parsed, parseProblem) = Parse(json);
        if (parseProblem is not null)
        {
            return Reject(parseProblem);
        }

        if (ReportValidation.Problem(parsed!) is { } invalid)
        {
            return Reject(IngestProblem.Create(StatusCodes.Status400BadRequest, IngestRejectReason.Invalid, "Invalid report: " + invalid));
        }

        if (!string.Equals(parsed!.Cluster, tokenCluster, StringComparison.Ordinal))
        {
            return Reject(IngestProblem.Create(
                StatusCodes.Status403Forbidden,
                IngestRejectReason.Forbidden,
                $"This token or certificate was not issued for cluster \"{parsed.Cluster}\"."));
        }

        var receivedAt = time.GetUtcNow();
        var (report, clamped) = TimestampClamp.Apply(parsed, receivedAt, settings.MaxClockSkew);
        // The stored JSON is what a restart rebuilds state from: it must carry the clamped times.
        var stored = clamped ? JsonSerializer.SerializeToUtf8Bytes(report, ContractJson.Default.AgentReport) : json;

        RecordResult recorded;
        try
        {
            recorded = await committer.RecordAsync(new PendingReport(report, stored, receivedAt), context.RequestAborted);
        }
        catch (StoreUnavailableException e)
        {
            counters.CountStoreFailure();
            LogStoreUnavailable(logger, report.AgentId, e.Message);
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            return TypedResults.Problem(
                detail: "The collector cannot store reports right now; keep the report and send it again later.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var (outcome, resend) = recorded;
        if (outcome == IngestOutcome.Accepted)
        {
            await state.SettledAsync(report, receivedAt, recorded.FeedPosition, context.RequestAborted);
        }

        if (outcome == IngestOutcome.Duplicate)
        {
            counters.CountDuplicate();
        }
        else
        {
            counters.CountAccepted();
            if (clamped)
            {
                counters.CountClamped();
            }
        }

        return TypedResults.Json(
            new IngestResponse(report.AgentId, report.Sequence, outcome == IngestOutcome.Duplicate, clamped)
            {
                SendGlobalContent = election.Elect(report, receivedAt),
                ResendContent = resend,
            },
            ContractJson.Default.IngestResponse);
    }

    private static (AgentReport? Report, IngestProblem? Problem) Parse(ReadOnlyMemory<byte> json)
    {
        AgentReport? report;
        try
        {
            report = JsonSerializer.Deserialize(json.Span, ContractJson.Default.AgentReport);
        }
        catch (JsonException e)
        {
            // The serializer names the path and position, never the offending value.
            return (null, IngestProblem.Create(StatusCodes.Status400BadRequest, IngestRejectReason.MalformedJson, "Malformed report JSON: " + e.Message));
        }

        return report is null
            ? (null, IngestProblem.Create(StatusCodes.Status400BadRequest, IngestRejectReason.MalformedJson, "Malformed report JSON: the body is null, not a report."))
            : (report, null);
    }

    private ProblemHttpResult Reject(IngestProblem problem)
    {
        counters.CountRejected(problem.Reason);
        LogRejected(logger, problem.Reason, problem.StatusCode);
        return TypedResults.Problem(detail: problem.Detail, statusCode: problem.StatusCode);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Report refused: {Reason} ({StatusCode})")]
    private static partial void LogRejected(ILogger logger, IngestRejectReason reason, int statusCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report of agent {AgentId} not stored: {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, string agentId, string reason);
}
