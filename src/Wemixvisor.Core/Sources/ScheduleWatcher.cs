using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Supervision;

namespace Wemixvisor.Core.Sources;

/// <summary>
/// Watches <c>schedule.json</c> as the trigger is watched: a stat at every poll interval and change hint, a
/// read only when the file's fingerprint changed. Emits each version once; a removed file is an empty schedule.
/// </summary>
public sealed class ScheduleWatcher(string path, IFileProbe probe, Func<ScheduleFile> read, IFileChangeHints hints, TimeSpan pollInterval, IScheduler scheduler) : IEventSource
{
    public IObservable<SupervisorEvent> Events(IObservable<SupervisorState> states) =>
        Observable.Merge(
                Observable.Timer(TimeSpan.Zero, pollInterval, scheduler).Select(_ => Unit.Default),
                hints.Changes(path).ObserveOn(scheduler))
            .Select(_ => new Look(probe.Stat(path)))
            .DistinctUntilChanged()
            .Select(look => (SupervisorEvent)new SupervisorEvent.ScheduleObserved(look.Fingerprint is null
                ? new ScheduleFile.Valid(UpgradeSchedule.Empty)
                : read()));

    private sealed record Look(FileFingerprint? Fingerprint);
}
