using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Ports;

/// <summary>Runs the upgrade jobs. Each observable emits one outcome and completes; errors are reported as <see cref="JobOutcome.Failed"/>.</summary>
public interface IUpgradeJobs
{
    IObservable<JobOutcome> Run(UpgradeJob job, UpgradeInfo upgrade);

    /// <summary>Puts back the data directory from this upgrade's backup.</summary>
    IObservable<JobOutcome> RestoreBackup(UpgradeInfo upgrade);

    /// <summary>Removes backups beyond the retention count, after a successful upgrade.</summary>
    IObservable<JobOutcome> PruneBackups();
}
