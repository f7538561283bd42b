using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Ports;

/// <summary>Checks, while the node still runs, everything an upgrade needs (binary, scripts, free space).</summary>
public interface IUpgradePreflight
{
    /// <summary>Null when the upgrade can proceed, else one clear sentence naming the path and the fix.</summary>
    string? Check(UpgradeInfo upgrade);
}

/// <summary>The steps between stopping the node and switching, in the order the supervisor runs them.</summary>
public enum UpgradeStep
{
    Backup,
    CustomPreUpgrade,
    UpgradePreUpgrade,
    BinaryPreUpgrade,
}

public abstract record StepOutcome
{
    private StepOutcome() { }

    public sealed record Succeeded(string Detail) : StepOutcome;

    /// <summary>The step does not apply (not configured, no script, backups disabled).</summary>
    public sealed record Skipped(string Reason) : StepOutcome;

    public sealed record Failed(string Reason) : StepOutcome;

    /// <summary>The binary's <c>pre-upgrade</c> asked to be run again (exit code 31).</summary>
    public sealed record RetryRequested(string Reason) : StepOutcome;
}

/// <summary>Runs the upgrade steps. Each observable emits one outcome and completes; errors are reported as <see cref="StepOutcome.Failed"/>.</summary>
public interface IUpgradeSteps
{
    IObservable<StepOutcome> Run(UpgradeStep step, UpgradeInfo upgrade);

    /// <summary>Puts back the data directory from this upgrade's backup.</summary>
    IObservable<StepOutcome> RestoreBackup(UpgradeInfo upgrade);

    /// <summary>Removes backups beyond the retention count, after a successful upgrade.</summary>
    IObservable<StepOutcome> PruneBackups();
}

/// <summary>Makes an upgrade the running version: the applied marker, then the <c>current</c> link, journaled.</summary>
public interface IUpgradeSwitcher
{
    /// <summary>Emits once when <c>current</c> points to the upgrade; fails with a message otherwise.</summary>
    IObservable<System.Reactive.Unit> Switch(UpgradeInfo upgrade);
}
