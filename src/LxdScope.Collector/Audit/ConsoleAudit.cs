using LxdScope.Collector.Sql;
using LxdScope.Collector.Storage;

namespace LxdScope.Collector.Audit;

/// <summary>
/// Leaves an audit record of every console request that reads mirrored content — answered,
/// refused or failed — and counts them by outcome. Fails closed: when the record cannot be
/// written, the rows are withheld (503) rather than sent unrecorded.
/// </summary>
internal sealed class ConsoleAudit(ICollectorStore store, ConsoleQueryCounters counters, TimeProvider time)
{
    /// <summary>Runs <paramref name="work"/> (which returns its result and the rows it returns) and records how it ended.</summary>
    /// <param name="request">The record's who and what; its time, rows, outcome and reason are filled in here.</param>
    /// <exception cref="ConsoleProblemException">From <paramref name="work"/>, or 503 when the record could not be written.</exception>
    public async Task<T> RunAsync<T>(ConsoleAuditRecord request, Func<Task<(T Result, int Rows)>> work)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(work);
        (T Result, int Rows) answer;
        try
        {
            answer = await work();
        }
        catch (ConsoleProblemException e)
        {
            await KeepAsync(request, null, e.Outcome, $"{e.Title}: {e.Message}");
            throw;
        }
        catch (Exception e) when (e is not ConsoleProblemException)
        {
            await KeepAsync(request, null, ConsoleOutcome.Error, $"Failed in the collector ({e.GetType().Name}).");
            throw;
        }

        await KeepAsync(request, answer.Rows, ConsoleOutcome.Ok, null);
        return answer.Result;
    }

    /// <summary>Writes the record, and counts the request as it was finally answered.</summary>
    private async Task KeepAsync(ConsoleAuditRecord request, int? rows, ConsoleOutcome outcome, string? reason)
    {
        try
        {
            // Not cancelled with the request: a query that ran is recorded even if its reader left.
            await store.RecordConsoleQueryAsync(request with { At = time.GetUtcNow(), Rows = rows, Outcome = outcome, Reason = reason });
            counters.Count(outcome);
        }
        catch (StoreUnavailableException e)
        {
            counters.Count(ConsoleOutcome.Error);
            throw new ConsoleProblemException(
                503, "Audit record not written", $"Every console query is recorded, and this one could not be ({e.Message}); its result is withheld.", ConsoleOutcome.Error);
        }
    }
}
