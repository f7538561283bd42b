using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Reactive.Linq;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Platform.Backup;
using Wemixvisor.Platform.Hooks;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Upgrades;

/// <summary>
/// The upgrade jobs on Linux: the data backup, the three pre-upgrade hooks, the restore and the pruning of backups.
/// Each runs on the task pool and reports one <see cref="JobOutcome"/>; an exception becomes <see cref="JobOutcome.Failed"/>.
/// Retrying after <see cref="JobOutcome.RetryRequested"/> is the supervisor's decision.
/// </summary>
internal sealed class LinuxUpgradeJobs : IUpgradeJobs
{
    private readonly WemixvisorOptions _options;
    private readonly HomeLayout _layout;
    private readonly BackupEngine _backups;
    private readonly HookRunner _hooks;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<UpgradeName, string> _backupTakenFor = new();

    public LinuxUpgradeJobs(WemixvisorOptions options, HomeLayout layout, BackupEngine backups, HookRunner hooks, ILogger<LinuxUpgradeJobs> logger)
    {
        _options = options;
        _layout = layout;
        _backups = backups;
        _hooks = hooks;
        _logger = logger;
    }

    public IObservable<JobOutcome> Run(UpgradeJob job, UpgradeInfo upgrade) => Execute(upgrade, job.ToString(), job switch
    {
        UpgradeJob.Backup => cancellation => Task.FromResult(Backup(upgrade, cancellation)),
        UpgradeJob.CustomPreUpgrade => cancellation => CustomPreUpgrade(upgrade, cancellation),
        UpgradeJob.UpgradePreUpgrade => cancellation => UpgradePreUpgrade(upgrade, cancellation),
        UpgradeJob.BinaryPreUpgrade => cancellation => BinaryPreUpgrade(upgrade, cancellation),
        _ => _ => Task.FromResult<JobOutcome>(new JobOutcome.Failed($"unknown upgrade job {job}")),
    });

    public IObservable<JobOutcome> RestoreBackup(UpgradeInfo upgrade) =>
        Execute(upgrade, "restore", cancellation => Task.FromResult(Restore(upgrade, cancellation)));

    public IObservable<JobOutcome> PruneBackups() =>
        Execute(null, "prune", _ => Task.FromResult(Prune()));

    private JobOutcome Backup(UpgradeInfo upgrade, CancellationToken cancellation)
    {
        if (_options.UnsafeSkipBackup)
        {
            return new JobOutcome.Skipped("UNSAFE_SKIP_BACKUP=true: the data directory is not backed up");
        }
        BackupRecord record;
        try
        {
            record = _backups.Create(BackupLabel.ForUpgrade(upgrade.Name.Value, upgrade.Height), cancellation);
        }
        catch (BackupNoSpaceException e)
        {
            return new JobOutcome.Postponed(e.Message);
        }
        _backupTakenFor[upgrade.Name] = record.Id;
        return new JobOutcome.Succeeded($"backup {record.Id}: {record.Files} files, {record.TotalBytes} bytes in {record.Directory}") { Bytes = record.TotalBytes };
    }

    private async Task<JobOutcome> CustomPreUpgrade(UpgradeInfo upgrade, CancellationToken cancellation)
    {
        if (_options.CustomPreUpgrade is not { } script)
        {
            return new JobOutcome.Skipped("no custom pre-upgrade script is configured (WEMIXVISOR_CUSTOM_PREUPGRADE)");
        }
        var result = await _hooks.RunAsync(Hook("custom-pre-upgrade", script, NameAndHeight(upgrade), upgrade), cancellation).ConfigureAwait(false);
        return PreUpgradeProtocol.FromScript($"custom pre-upgrade script {script}", result);
    }

    private async Task<JobOutcome> UpgradePreUpgrade(UpgradeInfo upgrade, CancellationToken cancellation)
    {
        var script = _layout.UpgradeHookScript(upgrade.Name);
        if (Libc.KindOf(script, followLinks: false) == FileKind.Missing)
        {
            return new JobOutcome.Skipped($"there is no {script}");
        }
        var result = await _hooks.RunAsync(Hook("upgrade-pre-upgrade", script, NameAndHeight(upgrade), upgrade), cancellation).ConfigureAwait(false);
        return PreUpgradeProtocol.FromScript($"pre-upgrade script {script}", result);
    }

    private async Task<JobOutcome> BinaryPreUpgrade(UpgradeInfo upgrade, CancellationToken cancellation)
    {
        if (!_options.PreUpgradeBinary)
        {
            return new JobOutcome.Skipped("WEMIXVISOR_PREUPGRADE_BINARY is false: the new binary's pre-upgrade command is not run");
        }
        var binary = _layout.UpgradeBinary(upgrade.Name);
        var result = await _hooks.RunAsync(Hook("binary-pre-upgrade", binary, ["pre-upgrade"], upgrade), cancellation).ConfigureAwait(false);
        return PreUpgradeProtocol.FromBinary($"{binary} pre-upgrade", result);
    }

    /// <summary>
    /// Puts back the backup this wemixvisor took for <paramref name="upgrade"/>, or, after a restart during the new
    /// binary's probation, the newest complete backup labelled with the upgrade's name and height (the one taken
    /// right before its switch).
    /// </summary>
    private JobOutcome Restore(UpgradeInfo upgrade, CancellationToken cancellation)
    {
        var id = _backupTakenFor.TryGetValue(upgrade.Name, out var taken)
            ? taken
            : _backups.List()
                .Where(backup => backup.Upgrade == upgrade.Name.Value && backup.Height == upgrade.Height)
                .MaxBy(backup => backup.CreatedUtc)?.Id;
        if (id is null)
        {
            var why = _options.UnsafeSkipBackup ? " (UNSAFE_SKIP_BACKUP=true)" : "";
            return new JobOutcome.Failed(
                $"there is no backup of upgrade {upgrade.Name} at height {upgrade.Height} in {_layout.BackupDir}{why} to restore; {_layout.DataDir} stays as it is");
        }
        _backups.Restore(id, cancellation);
        return new JobOutcome.Succeeded($"{_layout.DataDir} restored from backup {id}");
    }

    private JobOutcome Prune()
    {
        var removed = _backups.Prune(_options.BackupKeep);
        return new JobOutcome.Succeeded(removed.Count == 0
            ? $"no backup to remove, keeping the newest {_options.BackupKeep}"
            : $"removed {removed.Count} old backup(s) ({string.Join(", ", removed.Select(r => r.Id))}), keeping the newest {_options.BackupKeep}");
    }

    private HookInvocation Hook(string tag, string program, IReadOnlyList<string> arguments, UpgradeInfo upgrade) =>
        new(tag, program, arguments, _layout.Home, HookEnvironment.For(_layout, upgrade), _options.PreUpgradeTimeout);

    private static string[] NameAndHeight(UpgradeInfo upgrade) =>
        [upgrade.Name.Value, upgrade.Height.ToString(CultureInfo.InvariantCulture)];

    private IObservable<JobOutcome> Execute(UpgradeInfo? upgrade, string step, Func<CancellationToken, Task<JobOutcome>> work) =>
        Observable.FromAsync(async cancellation =>
        {
            JobOutcome outcome;
            try
            {
                outcome = await Task.Run(() => work(cancellation), cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                outcome = new JobOutcome.Failed(Describe(e));
            }
            Log(upgrade, step, outcome);
            return outcome;
        });

    private static string Describe(Exception error) => error switch
    {
        BackupException => error.Message,
        Win32Exception win32 => $"cannot start the program: {win32.Message}",
        _ => $"{error.Message} ({error.GetType().Name})",
    };

    private void Log(UpgradeInfo? upgrade, string step, JobOutcome outcome)
    {
        var name = upgrade?.Name.Value ?? "-";
        switch (outcome)
        {
            case JobOutcome.Failed failed:
                _logger.StepFailed(name, step, failed.Reason);
                break;
            case JobOutcome.Succeeded succeeded:
                _logger.StepFinished(name, step, "succeeded", succeeded.Detail);
                break;
            case JobOutcome.Skipped skipped:
                _logger.StepFinished(name, step, "skipped", skipped.Reason);
                break;
            case JobOutcome.Postponed postponed:
                _logger.StepFinished(name, step, "postponed", postponed.Reason);
                break;
            case JobOutcome.RetryRequested retry:
                _logger.StepFinished(name, step, "asks for a retry", retry.Reason);
                break;
        }
    }
}
