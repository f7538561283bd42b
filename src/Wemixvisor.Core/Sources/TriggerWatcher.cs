using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Sources;

/// <summary>
/// Watches the trigger file: a look at every poll interval and at every change hint, a stat each time,
/// and a read only when the fingerprint changed (or while the last read found the file incomplete).
/// Emits each valid or invalid file version once, and a warning when a file stays truncated.
/// </summary>
public sealed class TriggerWatcher(TriggerReader trigger, IFileChangeHints hints, TimeSpan pollInterval, IScheduler scheduler) : IEventSource
{
    /// <summary>Looks at a truncated file after which a warning is emitted (about ten polls).</summary>
    public const int IncompleteWarningLooks = 10;

    /// <summary>Looks in every state: the decider says what a new plan means in each.</summary>
    public IObservable<SupervisorEvent> Events(IObservable<SupervisorState> states) =>
        Observable.Merge(
                Observable.Timer(TimeSpan.Zero, pollInterval, scheduler).Select(_ => Unit.Default),
                hints.Changes(trigger.Path).ObserveOn(scheduler))
            .Scan(Look.Initial, (last, _) => Next(last))
            .Where(look => look.Emit is not null)
            .Select(look => look.Emit!);

    private Look Next(Look last)
    {
        var fingerprint = trigger.Stat();
        if (fingerprint is null)
        {
            return Look.Initial;
        }
        if (fingerprint == last.Fingerprint && last.IncompleteLooks == 0)
        {
            return last with { Emit = null };
        }
        return trigger.Read() switch
        {
            TriggerFile.Incomplete incomplete => Incomplete(fingerprint, last, incomplete.Reason),
            TriggerFile.Absent => Look.Initial,
            var file => new Look(fingerprint, 0, new SupervisorEvent.TriggerObserved(file)),
        };
    }

    private static Look Incomplete(FileFingerprint? fingerprint, Look last, string reason)
    {
        var looks = last.IncompleteLooks + 1;
        var warn = looks == IncompleteWarningLooks ? new SupervisorEvent.TriggerStillIncomplete(looks, reason) : null;
        return new Look(fingerprint, looks, warn);
    }

    /// <summary>What the last look saw, and what it has to say.</summary>
    private sealed record Look(FileFingerprint? Fingerprint, int IncompleteLooks, SupervisorEvent? Emit)
    {
        public static readonly Look Initial = new(null, 0, null);
    }
}
