using System.Reactive;
using System.Reactive.Linq;
using Microsoft.Reactive.Testing;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Tests.Fakes;

/// <summary>The upgrade side of a home in memory: which binaries exist, where <c>current</c> points, the markers, the jobs run.</summary>
public sealed class FakeUpgradeHost(TestScheduler scheduler) : IUpgradePreflight, IUpgradeJobs, IUpgradeSwitcher, IUpgradeResults, IProbationJournal
{
    public const string Genesis = "genesis";

    public HashSet<string> Binaries { get; } = [];
    /// <summary>Where <c>current</c> points; a test may set it to start from a version switched to before.</summary>
    public string Current { get; set; } = Genesis;
    public Dictionary<string, UpgradeInfo> Markers { get; } = new();
    public List<(DateTimeOffset At, string What)> Log { get; } = [];
    /// <summary>Virtual time each job takes.</summary>
    public TimeSpan JobDuration { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>The outcome of each job; Succeeded unless a test says otherwise.</summary>
    public Func<UpgradeJob, UpgradeInfo, JobOutcome> Outcome { get; set; } = (job, _) => new JobOutcome.Succeeded(job.ToString());
    public bool SwitchFails { get; set; }
    public int Prunes { get; private set; }

    public string? Check(UpgradeInfo upgrade) =>
        Binaries.Contains(upgrade.Name.Value) ? null : $"the upgrade binary upgrades/{upgrade.Name}/bin/node is missing";

    public IObservable<JobOutcome> Run(UpgradeJob job, UpgradeInfo upgrade) =>
        Observable.Timer(JobDuration, scheduler).Select(_ =>
        {
            var outcome = Outcome(job, upgrade);
            Log.Add((scheduler.Now, $"{job} {upgrade.Name}: {outcome.GetType().Name}"));
            return outcome;
        });

    public IObservable<JobOutcome> RestoreBackup(UpgradeInfo upgrade) =>
        Observable.Timer(JobDuration, scheduler).Select(_ =>
        {
            Log.Add((scheduler.Now, $"Restore {upgrade.Name}"));
            return (JobOutcome)new JobOutcome.Succeeded("restored");
        });

    public IObservable<JobOutcome> PruneBackups() => Observable.Defer(() =>
    {
        Prunes++;
        return Observable.Return<JobOutcome>(new JobOutcome.Succeeded("pruned"));
    });

    public IObservable<Unit> Switch(UpgradeInfo upgrade) =>
        Observable.Timer(JobDuration, scheduler).SelectMany(_ =>
        {
            if (SwitchFails)
            {
                return Observable.Throw<Unit>(new IOException("rename failed"));
            }
            Markers[upgrade.Name.Value] = upgrade;
            Current = upgrade.Name.Value;
            Log.Add((scheduler.Now, $"Switch {upgrade.Name}"));
            return Observable.Return(Unit.Default);
        });

    /// <summary>The results recorded in the schedule, in order: "v2 rolled_back: reason".</summary>
    public List<string> Results { get; } = [];

    public IObservable<Unit> SwitchBack(AppliedUpgrade previous) =>
        Observable.Timer(JobDuration, scheduler).Select(_ =>
        {
            Current = previous.Name?.Value ?? Genesis;
            Log.Add((scheduler.Now, $"SwitchBack {Current}"));
            return Unit.Default;
        });

    public void Record(UpgradeInfo upgrade, Core.Schedule.ScheduleStatus status, string? reason, DateTimeOffset at) =>
        Results.Add($"{upgrade.Name} {Core.Schedule.ScheduleStatuses.Text(status)}" + (reason is null ? "" : $": {reason}"));

    /// <summary>The probation kept on disk; null when there is none.</summary>
    public ProbationRecord? Probation { get; private set; }

    public void Keep(ProbationRecord probation) => Probation = probation;

    public void Clear() => Probation = null;
}
