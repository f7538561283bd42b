using System.Diagnostics;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Wemixvisor.Hosting;

namespace Wemixvisor.Tests.Hosting;

/// <summary>
/// The loop scheduler against Rx's scheduler contract. Only orderings and "never early" are asserted; the deadline
/// only ends a test that would otherwise hang.
/// </summary>
public sealed class LoopSchedulerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private const string ThreadName = "loop-under-test";

    [Fact]
    public async Task Schedule_ItemsDueTogether_RunInTheOrderScheduledOnTheLoopThread()
    {
        using var loop = new LoopScheduler(ThreadName);
        var ran = new List<(int Index, string? Thread)>();
        var done = new TaskCompletionSource();

        loop.Schedule(() =>
        {
            for (var i = 0; i < 5; i++)
            {
                var index = i;
                loop.Schedule(() => ran.Add((index, Thread.CurrentThread.Name)));
            }
            loop.Schedule(done.SetResult);
        });
        await done.Task.WaitAsync(Deadline);

        Assert.Equal([0, 1, 2, 3, 4], ran.Select(r => r.Index));
        Assert.All(ran, r => Assert.Equal(ThreadName, r.Thread));
    }

    [Fact]
    public async Task Schedule_WithDueTimes_RunsInDueOrderAndNeverEarly()
    {
        using var loop = new LoopScheduler(ThreadName);
        var ran = new List<(int DueMs, TimeSpan Elapsed)>();
        var done = new TaskCompletionSource();
        var clock = Stopwatch.StartNew();

        foreach (var dueMs in new[] { 60, 20, 40 })
        {
            loop.Schedule(TimeSpan.FromMilliseconds(dueMs), () => ran.Add((dueMs, clock.Elapsed)));
        }
        loop.Schedule(TimeSpan.FromMilliseconds(80), done.SetResult);
        await done.Task.WaitAsync(Deadline);

        Assert.Equal([20, 40, 60], ran.Select(r => r.DueMs));
        Assert.All(ran, r => Assert.True(r.Elapsed >= TimeSpan.FromMilliseconds(r.DueMs), $"{r.DueMs} ms item ran after {r.Elapsed}"));
    }

    [Fact]
    public async Task Schedule_DisposedBeforeItsDueTime_NeverRuns()
    {
        using var loop = new LoopScheduler(ThreadName);
        var cancelledRan = false;
        var done = new TaskCompletionSource();

        loop.Schedule(TimeSpan.FromMilliseconds(20), () => cancelledRan = true).Dispose();
        loop.Schedule(TimeSpan.FromMilliseconds(60), done.SetResult);
        await done.Task.WaitAsync(Deadline);

        Assert.False(cancelledRan);
    }

    [Fact]
    public async Task Schedule_Recursive_RunsEachStepAndStopsWhenDisposed()
    {
        using var loop = new LoopScheduler(ThreadName);
        var steps = 0;
        var fifth = new TaskCompletionSource();
        IDisposable? recursion = null;

        recursion = loop.Schedule(TimeSpan.FromMilliseconds(1), self =>
        {
            if (++steps == 5)
            {
                fifth.SetResult();
                return;
            }
            self(TimeSpan.FromMilliseconds(1));
        });
        await fifth.Task.WaitAsync(Deadline);
        Assert.Equal(5, steps);

        var endless = 0;
        var stopped = new TaskCompletionSource();
        recursion = loop.Schedule(TimeSpan.Zero, self =>
        {
            endless++;
            self(TimeSpan.FromMilliseconds(5));
        });
        loop.Schedule(TimeSpan.FromMilliseconds(30), () => recursion.Dispose());
        var afterDispose = 0;
        loop.Schedule(TimeSpan.FromMilliseconds(31), () => afterDispose = endless);
        loop.Schedule(TimeSpan.FromMilliseconds(100), stopped.SetResult);
        await stopped.Task.WaitAsync(Deadline);

        Assert.True(afterDispose > 0);
        Assert.Equal(afterDispose, endless);
    }

    [Fact]
    public async Task SchedulePeriodic_TwoTimersOfOnePeriod_TickInTurnOnTheLoopUntilDisposed()
    {
        using var loop = new LoopScheduler(ThreadName);
        Assert.Same(loop, loop.AsPeriodic());
        var ticks = new List<(string Timer, long Tick)>();
        var bothThree = new TaskCompletionSource();
        var period = TimeSpan.FromMilliseconds(10);

        var a = Observable.Timer(TimeSpan.Zero, period, loop).Subscribe(t => ticks.Add(("a", t)));
        var b = Observable.Timer(TimeSpan.Zero, period, loop).Subscribe(t =>
        {
            ticks.Add(("b", t));
            if (t == 3)
            {
                bothThree.SetResult();
            }
        });
        await bothThree.Task.WaitAsync(Deadline);
        var seen = new TaskCompletionSource<int>();
        loop.Schedule(() =>
        {
            a.Dispose();
            b.Dispose();
            seen.SetResult(ticks.Count);
        });
        var countAtDispose = await seen.Task.WaitAsync(Deadline);
        var later = new TaskCompletionSource<int>();
        loop.Schedule(TimeSpan.FromMilliseconds(50), () => later.SetResult(ticks.Count));

        Assert.Equal(countAtDispose, await later.Task.WaitAsync(Deadline));
        // The periodic ticks of both timers alternate: one grid point runs a's tick, then b's.
        Assert.Equal(
            [("a", 1L), ("b", 1L), ("a", 2L), ("b", 2L), ("a", 3L), ("b", 3L)],
            ticks.Where(t => t.Tick is >= 1 and <= 3));
    }

    [Fact]
    public void Now_ComesFromTheGivenClock()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        using var loop = new LoopScheduler(ThreadName, new FixedClock(at));

        Assert.Equal(at, loop.Now);
    }

    [Fact]
    public async Task Schedule_AtAnAbsoluteTimeInThePast_RunsAtOnce()
    {
        using var loop = new LoopScheduler(ThreadName);
        var done = new TaskCompletionSource();

        loop.Schedule(loop.Now - TimeSpan.FromHours(1), done.SetResult);

        await done.Task.WaitAsync(Deadline);
    }

    [Fact]
    public void Schedule_AfterDispose_Throws()
    {
        var loop = new LoopScheduler(ThreadName);
        loop.Dispose();

        Assert.Throws<ObjectDisposedException>(() => loop.Schedule(() => { }));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
