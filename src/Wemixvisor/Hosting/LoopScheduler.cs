using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace Wemixvisor.Hosting;

/// <summary>
/// The supervisor's event loop: one thread runs every scheduled item in due order (first come, first run among
/// equal due times) and, between items, sleeps until the next one is due.
/// </summary>
/// <remarks>
/// Rx's <c>EventLoopScheduler</c> arms a <see cref="System.Threading.Timer"/> for every timed item, so each 300 ms
/// poll woke the runtime's timer thread, a thread-pool worker and then the loop. Here only the loop thread wakes.
/// Periodic items (<see cref="ISchedulerPeriodic"/>, which Rx's <c>Observable.Timer(due, period)</c> uses) run on
/// a grid of their period, never sooner than one period after they were scheduled, so that the watchers polling at
/// the same interval share one wake-up.
/// </remarks>
public sealed class LoopScheduler : IScheduler, ISchedulerPeriodic, IStopwatchProvider, IServiceProvider, IDisposable
{
    private readonly object _gate = new();
    private readonly PriorityQueue<Item, (long Due, long Sequence)> _queue = new();
    private readonly TimeProvider _clock;
    private readonly Thread _thread;
    private long _sequence;
    private bool _disposed;

    /// <param name="threadName">The loop thread's name (seen in <c>/proc/PID/task/*/comm</c>).</param>
    /// <param name="clock">Where <see cref="Now"/> and due times come from (the system clock unless a test says otherwise).</param>
    public LoopScheduler(string threadName, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _thread = new Thread(Loop) { Name = threadName, IsBackground = true };
        _thread.Start();
    }

    public DateTimeOffset Now => _clock.GetUtcNow();

    public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action) =>
        Enqueue(new OneShot<TState>(this, state, action), _clock.GetTimestamp());

    public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action) =>
        Enqueue(new OneShot<TState>(this, state, action), Later(_clock.GetTimestamp(), dueTime));

    public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) =>
        Schedule(state, dueTime - Now, action);

    public IDisposable SchedulePeriodic<TState>(TState state, TimeSpan period, Func<TState, TState> action)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        var item = new Periodic<TState>(state, action, Ticks(period));
        return Enqueue(item, item.NextDue(_clock.GetTimestamp()));
    }

    public IStopwatch StartStopwatch() => new ClockStopwatch(_clock);

    /// <summary>How Rx finds the optional scheduler interfaces (<c>AsPeriodic</c>, <c>AsStopwatchProvider</c>).</summary>
    public object? GetService(Type serviceType) =>
        serviceType == typeof(ISchedulerPeriodic) || serviceType == typeof(IStopwatchProvider) ? this : null;

    /// <summary>Stops the loop; items not yet run never run, and scheduling afterwards throws.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _queue.Clear();
            Monitor.Pulse(_gate);
        }
    }

    private IDisposable Enqueue(Item item, long due)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Insert(item, due);
        }
        return item;
    }

    private void Insert(Item item, long due)
    {
        _queue.Enqueue(item, (due, _sequence++));
        // Wake the loop only when the new item is the one it must wake for next.
        if (ReferenceEquals(_queue.Peek(), item))
        {
            Monitor.Pulse(_gate);
        }
    }

    private void Loop()
    {
        while (Next() is { } item)
        {
            var again = item.Run(_clock.GetTimestamp());
            if (again is { } due)
            {
                lock (_gate)
                {
                    if (!_disposed && !item.IsCancelled)
                    {
                        Insert(item, due);
                    }
                }
            }
        }
    }

    /// <summary>Waits for the next due item that is not cancelled; null once disposed.</summary>
    private Item? Next()
    {
        lock (_gate)
        {
            while (!_disposed)
            {
                if (!_queue.TryPeek(out var item, out var key))
                {
                    Monitor.Wait(_gate);
                    continue;
                }
                if (item.IsCancelled)
                {
                    _queue.Dequeue();
                    continue;
                }
                var wait = _clock.GetElapsedTime(_clock.GetTimestamp(), key.Due);
                if (wait > TimeSpan.Zero)
                {
                    // Rounded up: waking a millisecond early would only mean waking twice.
                    Monitor.Wait(_gate, (int)Math.Min(int.MaxValue - 1, Math.Ceiling(wait.TotalMilliseconds)));
                    continue;
                }
                _queue.Dequeue();
                return item;
            }
            return null;
        }
    }

    private long Later(long now, TimeSpan delay) => delay <= TimeSpan.Zero ? now : now + Ticks(delay);

    private long Ticks(TimeSpan span) => (long)(span.Ticks * (double)_clock.TimestampFrequency / TimeSpan.TicksPerSecond);

    /// <summary>One queued item; disposing it cancels it.</summary>
    private abstract class Item : IDisposable
    {
        private volatile bool _cancelled;

        public bool IsCancelled => _cancelled;

        /// <summary>Runs the item on the loop thread; returns when it is due again, or null when it is done.</summary>
        public abstract long? Run(long now);

        public virtual void Dispose() => _cancelled = true;
    }

    private sealed class OneShot<TState>(LoopScheduler scheduler, TState state, Func<IScheduler, TState, IDisposable> action) : Item
    {
        // What the action returned (Rx's recursive scheduling hands back the next item here): cancelling cancels it too.
        private readonly SingleAssignmentDisposable _inner = new();

        public override long? Run(long now)
        {
            if (!IsCancelled)
            {
                _inner.Disposable = action(scheduler, state);
            }
            return null;
        }

        public override void Dispose()
        {
            base.Dispose();
            _inner.Dispose();
        }
    }

    private sealed class Periodic<TState>(TState state, Func<TState, TState> action, long period) : Item
    {
        private TState _state = state;
        private long _due;

        /// <summary>The first grid point of the period at least one period after <paramref name="now"/>.</summary>
        public long NextDue(long now) => _due = OnGrid(now + period);

        public override long? Run(long now)
        {
            if (IsCancelled)
            {
                return null;
            }
            _state = action(_state);
            // A loop that fell behind (a long item, a suspended machine) skips the missed ticks instead of bursting.
            _due = Math.Max(_due + period, OnGrid(now));
            return _due;
        }

        private long OnGrid(long earliest) => period == 0 ? earliest : (earliest + period - 1) / period * period;
    }

    private sealed class ClockStopwatch(TimeProvider clock) : IStopwatch
    {
        private readonly long _start = clock.GetTimestamp();

        public TimeSpan Elapsed => clock.GetElapsedTime(_start);
    }
}
