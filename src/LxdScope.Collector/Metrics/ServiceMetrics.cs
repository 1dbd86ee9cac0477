using LxdScope.Collector.Audit;
using LxdScope.Collector.Http;
using LxdScope.Collector.Ingest;
using LxdScope.Contracts;
using Prometheus;

namespace LxdScope.Collector.Metrics;

/// <summary>The collector itself: reports taken and refused, rate limits, its build and console queries.</summary>
internal sealed class ServiceMetrics
{
    private readonly Counter ingested;
    private readonly Counter clamped;
    private readonly Counter storeFailures;
    private readonly Counter rateLimited;
    private readonly Counter consoleQueries;

    public ServiceMetrics(MetricFactory f)
    {
        ingested = f.CreateCounter("lxdscope_ingest_reports_total", "Reports received, by result: accepted, duplicate (acknowledged again, not counted twice), or the reason for refusing.", "result");
        clamped = f.CreateCounter("lxdscope_ingest_clamped_timestamps_total", "Accepted reports whose absurd timestamps were replaced with the collector's time.");
        storeFailures = f.CreateCounter("lxdscope_ingest_store_failures_total", "Reports answered 503 because the collector's database could not take them.");
        rateLimited = f.CreateCounter("lxdscope_http_rate_limited_total", "Requests refused with 429 because their credential (or address, without one) sent too many, by policy: ingest, api or metrics.", "policy");
        // Set once: which build answers this scrape.
        f.CreateGauge("lxdscope_build_info", "The collector's own version (always 1).", "version").WithLabels(BuildInfo.Version).Set(1);
        consoleQueries = f.CreateCounter("lxdscope_console_queries_total", "SQL console queries and diffs, each with its audit record, by outcome: ok, refused (not run) or error (run and failed).", "outcome");
        foreach (var outcome in Enum.GetValues<ConsoleOutcome>())
        {
            consoleQueries.WithLabels(AuditText.Of(outcome));
        }
    }

    public void Update(IngestCounters counters)
    {
        ingested.WithLabels("accepted").IncTo(counters.Accepted);
        ingested.WithLabels("duplicate").IncTo(counters.Duplicates);
        foreach (var (reason, count) in counters.Rejected)
        {
            ingested.WithLabels(RejectLabel(reason)).IncTo(count);
        }

        clamped.IncTo(counters.Clamped);
        storeFailures.IncTo(counters.StoreFailures);
    }

    public void Update(RateLimitCounters counters)
    {
        rateLimited.WithLabels(CollectorRateLimits.IngestPolicy).IncTo(counters.Ingest);
        rateLimited.WithLabels(CollectorRateLimits.ApiPolicy).IncTo(counters.Api);
        rateLimited.WithLabels(CollectorRateLimits.MetricsPolicy).IncTo(counters.Metrics);
    }

    public void Update(ConsoleQueryCounters counters)
    {
        foreach (var outcome in Enum.GetValues<ConsoleOutcome>())
        {
            consoleQueries.WithLabels(AuditText.Of(outcome)).IncTo(counters[outcome]);
        }
    }

    private static string RejectLabel(IngestRejectReason reason) => reason switch
    {
        IngestRejectReason.Unauthorized => "unauthorized",
        IngestRejectReason.Forbidden => "forbidden",
        IngestRejectReason.TooLarge => "too_large",
        IngestRejectReason.UnsupportedEncoding => "unsupported_encoding",
        IngestRejectReason.BadBody => "bad_body",
        IngestRejectReason.MalformedJson => "malformed_json",
        IngestRejectReason.Invalid => "invalid",
        _ => "other",
    };
}
