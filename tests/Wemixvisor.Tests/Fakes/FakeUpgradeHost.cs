using System.Reactive;
using System.Reactive.Linq;
using Microsoft.Reactive.Testing;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Tests.Fakes;

/// <summary>The upgrade side of a home in memory: which binaries exist, where <c>current</c> points, the markers, the steps run.</summary>
public sealed class FakeUpgradeHost(TestScheduler scheduler) : IUpgradePreflight, IUpgradeSteps, IUpgradeSwitcher
{
    public const string Genesis = "genesis";

    public HashSet<string> Binaries { get; } = [];
    public string Current { get; private set; } = Genesis;
    public Dictionary<string, UpgradeInfo> Markers { get; } = new();
    public List<(DateTimeOffset At, string What)> Log { get; } = [];
    /// <summary>Virtual time each step takes.</summary>
    public TimeSpan StepDuration { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>The outcome of each step; Succeeded unless a test says otherwise.</summary>
    public Func<UpgradeStep, UpgradeInfo, StepOutcome> Outcome { get; set; } = (step, _) => new StepOutcome.Succeeded(step.ToString());
    public bool SwitchFails { get; set; }
    public int Prunes { get; private set; }

    public string? Check(UpgradeInfo upgrade) =>
        Binaries.Contains(upgrade.Name.Value) ? null : $"the upgrade binary upgrades/{upgrade.Name}/bin/node is missing";

    public IObservable<StepOutcome> Run(UpgradeStep step, UpgradeInfo upgrade) =>
        Observable.Timer(StepDuration, scheduler).Select(_ =>
        {
            var outcome = Outcome(step, upgrade);
            Log.Add((scheduler.Now, $"{step} {upgrade.Name}: {outcome.GetType().Name}"));
            return outcome;
        });

    public IObservable<StepOutcome> RestoreBackup(UpgradeInfo upgrade) =>
        Observable.Timer(StepDuration, scheduler).Select(_ =>
        {
            Log.Add((scheduler.Now, $"Restore {upgrade.Name}"));
            return (StepOutcome)new StepOutcome.Succeeded("restored");
        });

    public IObservable<StepOutcome> PruneBackups() => Observable.Defer(() =>
    {
        Prunes++;
        return Observable.Return<StepOutcome>(new StepOutcome.Succeeded("pruned"));
    });

    public IObservable<Unit> Switch(UpgradeInfo upgrade) =>
        Observable.Timer(StepDuration, scheduler).SelectMany(_ =>
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
}
