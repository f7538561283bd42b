using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Wemixvisor.Operations.Systemd;

/// <summary>
/// Feeds systemd's watchdog (<c>WatchdogSec=</c>): <c>WATCHDOG=1</c> at half of <c>WATCHDOG_USEC</c>, from a timer on
/// the supervision loop itself, so a loop that is stuck stops feeding it and systemd restarts wemixvisor.
/// </summary>
internal static class SystemdWatchdog
{
    /// <summary>Half of <c>WATCHDOG_USEC</c>, or null when there is no watchdog for this process (unset, or <c>WATCHDOG_PID</c> names another).</summary>
    public static TimeSpan? Interval(Func<string, string?> environment, int pid)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!long.TryParse(environment("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec <= 0)
        {
            return null;
        }
        if (environment("WATCHDOG_PID") is { Length: > 0 } owner
            && (!int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var ownerPid) || ownerPid != pid))
        {
            return null;
        }
        return TimeSpan.FromMicroseconds(usec / 2.0);
    }

    public static IDisposable Start(TimeSpan? interval, IScheduler loop, Action<string> notify) =>
        interval is { } every
            ? Observable.Interval(every, loop).Subscribe(_ => notify("WATCHDOG=1"))
            : Disposable.Empty;
}
