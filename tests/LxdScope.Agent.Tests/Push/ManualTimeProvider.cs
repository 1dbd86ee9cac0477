namespace LxdScope.Agent.Tests.Push;

/// <summary>
/// A clock that moves only when told, and remembers every wait it was asked for. With
/// <see cref="AutoAdvance"/>, each wait passes at once (the clock jumps by it).
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _pending = [];
    private readonly List<TimeSpan> _waits = [];
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public bool AutoAdvance { get; init; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <summary>Every finite wait armed so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_lock)
            {
                return [.. _waits];
            }
        }
    }

    public int PendingTimers
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            _now += by;
            due = _pending.Where(t => t.DueAt <= _now).ToList();
            _pending.RemoveAll(due.Contains);
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private void Arm(ManualTimer timer, TimeSpan dueTime)
    {
        lock (_lock)
        {
            _pending.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            _waits.Add(dueTime);
            if (AutoAdvance)
            {
                _now += dueTime;
                // Not inline: the caller may still be setting the timer up.
                ThreadPool.QueueUserWorkItem(_ => timer.Fire());
                return;
            }

            timer.DueAt = _now + dueTime;
            _pending.Add(timer);
        }
    }

    private void Disarm(ManualTimer timer)
    {
        lock (_lock)
        {
            _pending.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public DateTimeOffset DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero)
            {
                throw new NotSupportedException("Only one-shot timers.");
            }

            if (_disposed)
            {
                return false;
            }

            owner.Arm(this, dueTime);
            return true;
        }

        public void Fire()
        {
            if (!_disposed)
            {
                callback(state);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            owner.Disarm(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
