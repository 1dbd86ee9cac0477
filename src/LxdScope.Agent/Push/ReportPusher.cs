using System.Collections.Concurrent;
using LxdScope.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LxdScope.Agent.Push;

/// <summary>
/// Drains a <see cref="ReportSpool"/> to the collector, strictly in sequence order: a report leaves
/// the spool only when a collector acknowledged it (2xx, duplicates included) or rejected it for
/// good (400, 403, 413). Anything else — no answer, 401, 429, 5xx — is retried, with backoff.
/// With several collectors (sharing one store), a failed attempt moves on to the next one at
/// once; only a whole round of failures waits. After <see cref="PushOptions.FailbackAfter"/>
/// away from the first collector, it is tried again.
/// </summary>
internal sealed partial class ReportPusher
{
    private readonly ReportSpool _spool;
    private readonly HttpClient _http;
    private readonly PushOptions _options;
    private readonly Uri[] _urls;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Random _random;

    private readonly ConcurrentDictionary<int, long> _rejected = new();
    private long _sentTotal;
    private long _duplicateTotal;
    private long _failuresTotal;
    private int _consecutiveFailures;
    private long _lastSuccessUtcTicks;
    private int _running;
    private bool _unauthorizedLogged;

    // Only the pushing loop writes these; readers (metrics, tests) see a recent value.
    private int _target;
    private int _lastAcknowledgedBy = -1;
    private long _leftFirstAtUtcTicks;
    private long _failoversTotal;

    /// <param name="spool">Where reports wait; the pusher only peeks and removes.</param>
    /// <param name="http">
    /// Owned by the caller, who may share it. Its own <see cref="HttpClient.Timeout"/> should be
    /// no shorter than <see cref="PushOptions.RequestTimeout"/>, which the pusher applies per request.
    /// </param>
    /// <param name="options">Validated here.</param>
    /// <param name="logger">Never given the token.</param>
    /// <param name="time">Backoff waits and <see cref="LastSuccess"/>; the system clock by default.</param>
    /// <param name="random">Backoff jitter; <see cref="Random.Shared"/> by default.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public ReportPusher(
        ReportSpool spool,
        HttpClient http,
        PushOptions options,
        ILogger? logger = null,
        TimeProvider? time = null,
        Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(spool);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid push options: " + string.Join(" ", errors), nameof(options));
        }

        _spool = spool;
        _http = http;
        _options = options;
        _urls = [.. options.ReportsUrls];
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _random = random ?? Random.Shared;
    }

    /// <summary>Called with every readable acknowledgement, so that what the collector asks for reaches the collectors.</summary>
    public Action<IngestResponse>? Answered { get; init; }

    /// <summary>Reports the collector acknowledged, duplicates included.</summary>
    public long SentTotal => Interlocked.Read(ref _sentTotal);

    /// <summary>Acknowledged reports the collector had already counted (<c>duplicate: true</c>).</summary>
    public long DuplicateTotal => Interlocked.Read(ref _duplicateTotal);

    /// <summary>Reports rejected for good and removed, by HTTP status (400, 403, 413). A snapshot.</summary>
    public IReadOnlyDictionary<int, long> RejectedTotal => new Dictionary<int, long>(_rejected);

    /// <summary>Attempts that failed and will be retried: no answer, timeouts, 401, 5xx and the like.</summary>
    public long FailuresTotal => Interlocked.Read(ref _failuresTotal);

    /// <summary>Failed attempts since a collector last acknowledged or rejected a report.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    /// <summary>The reports address the next attempt goes to.</summary>
    public Uri Target => _urls[Volatile.Read(ref _target)];

    /// <summary>Times a failed attempt moved delivery on to another collector.</summary>
    public long FailoversTotal => Interlocked.Read(ref _failoversTotal);

    /// <summary>When the collector last acknowledged a report; null before the first time.</summary>
    public DateTimeOffset? LastSuccess
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastSuccessUtcTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Delivers reports as they arrive in the spool until <paramref name="cancellationToken"/> is
    /// cancelled, which ends it with <see cref="OperationCanceledException"/>. Waits for the spool
    /// without polling; sends the oldest report; on acknowledgement or rejection removes it and
    /// goes on at once; otherwise waits (exponential backoff, full jitter) and sends it again.
    /// Any other exception is a bug or a failing disk, and ends the loop.
    /// </summary>
    /// <exception cref="InvalidOperationException">It is running already.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("The pusher is running already: two loops would send out of order.");
        }

        try
        {
            _logger.Pushing(string.Join(", ", _urls.Select(u => u.AbsoluteUri)));
            while (true)
            {
                await _spool.WaitUntilNotEmptyAsync(cancellationToken);
                if (!_spool.TryPeekOldest(out var report))
                {
                    continue;
                }

                var target = ChooseTarget();
                var result = await SendAsync(report, _urls[target], cancellationToken);
                var delay = Settle(report, result, target);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, cancellationToken);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>The collector to try: the current one, or the first again once it has been left long enough.</summary>
    private int ChooseTarget()
    {
        if (_target != 0
            && _time.GetUtcNow().UtcTicks - Interlocked.Read(ref _leftFirstAtUtcTicks) >= _options.FailbackAfter.Ticks)
        {
            Volatile.Write(ref _target, 0);
        }

        return _target;
    }

    /// <summary>Counts, logs and removes as the result says; returns how long to wait before the next attempt.</summary>
    private TimeSpan Settle(SpooledReport report, DeliveryResult result, int target)
    {
        switch (result.Outcome)
        {
            case DeliveryOutcome.Acknowledged:
                _spool.Remove(report);
                Interlocked.Increment(ref _sentTotal);
                if (result.Duplicate)
                {
                    Interlocked.Increment(ref _duplicateTotal);
                }

                Interlocked.Exchange(ref _lastSuccessUtcTicks, _time.GetUtcNow().UtcTicks);
                Answering(target);
                EndFailureStreak();
                return TimeSpan.Zero;

            case DeliveryOutcome.Rejected:
                // Kept, it would be sent again forever and block every report behind it.
                _spool.Remove(report);
                _rejected.AddOrUpdate(result.Status, 1, static (_, count) => count + 1);
                _logger.Rejected(report.Sequence, result.Status, result.Reason);
                Answering(target);
                EndFailureStreak();
                return TimeSpan.Zero;

            case DeliveryOutcome.Unauthorized:
            {
                var failures = CountFailure();
                MoveOn(target, result.Reason);
                if (failures % _urls.Length != 0)
                {
                    return TimeSpan.Zero;
                }

                var delay = Backoff.EqualJitter(_options.MaxBackoff, _random);
                if (!_unauthorizedLogged)
                {
                    _unauthorizedLogged = true;
                    _logger.Unauthorized(_urls[target], _options.MaxBackoff);
                }

                return delay;
            }

            default:
            {
                var failures = CountFailure();
                MoveOn(target, result.Reason);
                if (failures % _urls.Length != 0)
                {
                    return TimeSpan.Zero; // another collector has not been tried in this round
                }

                var rounds = failures / _urls.Length;
                var delay = Backoff.FullJitter(rounds, _options.InitialBackoff, _options.MaxBackoff, _random);
                if (result.RetryAfter is { } retryAfter && retryAfter > delay)
                {
                    delay = retryAfter < _options.MaxBackoff ? retryAfter : _options.MaxBackoff;
                }

                if (rounds == 1)
                {
                    _logger.DeliveryFailing(report.Sequence, result.Reason, delay);
                }
                else
                {
                    _logger.DeliveryStillFailing(report.Sequence, result.Reason, failures, delay);
                }

                return delay;
            }
        }
    }

    /// <summary>After a failed attempt with several collectors, the next attempt goes to the next one.</summary>
    private void MoveOn(int failed, string reason)
    {
        if (_urls.Length == 1)
        {
            return;
        }

        var next = (failed + 1) % _urls.Length;
        if (failed == 0)
        {
            Interlocked.Exchange(ref _leftFirstAtUtcTicks, _time.GetUtcNow().UtcTicks);
        }

        Interlocked.Increment(ref _failoversTotal);
        // Logged when leaving the collector that last answered (or the first one, before any
        // answered): an agent circling through dead collectors says so once, not per attempt.
        if (failed == _lastAcknowledgedBy || (_lastAcknowledgedBy < 0 && Volatile.Read(ref _consecutiveFailures) == 1))
        {
            _logger.FailingOver(_urls[failed], reason, _urls[next]);
        }

        Volatile.Write(ref _target, next);
    }

    private void Answering(int target)
    {
        if (_lastAcknowledgedBy >= 0 && _lastAcknowledgedBy != target)
        {
            _logger.DeliveringTo(_urls[target], _urls[_lastAcknowledgedBy]);
        }

        _lastAcknowledgedBy = target;
    }

    private int CountFailure()
    {
        Interlocked.Increment(ref _failuresTotal);
        return Interlocked.Increment(ref _consecutiveFailures);
    }

    private void EndFailureStreak()
    {
        var failures = Interlocked.Exchange(ref _consecutiveFailures, 0);
        _unauthorizedLogged = false;
        if (failures > 0)
        {
            _logger.DeliveryRecovered(failures, _spool.Depth);
        }
    }
}
