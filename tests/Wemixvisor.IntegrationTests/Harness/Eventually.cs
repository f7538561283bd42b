using System.Diagnostics;

namespace Wemixvisor.IntegrationTests.Harness;

/// <summary>Bounded polling: checks a condition every few milliseconds until it holds or a deadline passes.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test naming <paramref name="what"/> (and <paramref name="diagnostics"/>) otherwise.</summary>
    public static async Task Holds(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? diagnostics = null)
    {
        if (!await TryHolds(condition, timeout ?? DefaultTimeout))
        {
            Assert.Fail($"timed out after {(timeout ?? DefaultTimeout).TotalSeconds} s waiting for: {what}{(diagnostics is null ? "" : "\n" + diagnostics())}");
        }
    }

    /// <summary>Like <see cref="Holds"/> but returns the first non-null value of <paramref name="probe"/>.</summary>
    public static async Task<T> Yields<T>(Func<T?> probe, string what, TimeSpan? timeout = null, Func<string>? diagnostics = null)
        where T : class
    {
        T? value = null;
        await Holds(() => (value = probe()) is not null, what, timeout, diagnostics);
        return value!;
    }

    /// <summary>True when <paramref name="condition"/> held before <paramref name="timeout"/>.</summary>
    public static async Task<bool> TryHolds(Func<bool> condition, TimeSpan timeout)
    {
        var elapsed = Stopwatch.StartNew();
        while (!condition())
        {
            if (elapsed.Elapsed >= timeout)
            {
                return false;
            }
            await Task.Delay(PollStep);
        }
        return true;
    }
}
