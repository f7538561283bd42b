using System.Reactive.Concurrency;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Downloads;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Platform.Backup;
using Wemixvisor.Platform.Downloads;
using Wemixvisor.Platform.Interop;
using Wemixvisor.Platform.Switching;

namespace Wemixvisor.Platform.Upgrades;

/// <summary>
/// Everything an upgrade needs, checked while the node still runs: the new binary (present, a regular
/// executable file, really inside <c>upgrades/</c>), the hook scripts, that the switch's files can be written, and
/// room for the backup.
/// A failed check is repeated on every poll, so the data size is measured at most once a minute.
/// </summary>
internal sealed class LinuxUpgradePreflight : IUpgradePreflight
{
    public static readonly TimeSpan DataSizeReuse = TimeSpan.FromMinutes(1);

    private readonly WemixvisorOptions _options;
    private readonly HomeLayout _layout;
    private readonly BackupEngine _backups;
    private readonly IScheduler _scheduler;
    private readonly Lock _gate = new();
    private readonly BinaryDownloads? _downloads;
    private (DateTimeOffset At, long Bytes)? _dataSize;

    /// <param name="downloads">Fetches a missing binary from the plan's URL; null when downloads are not allowed.</param>
    public LinuxUpgradePreflight(WemixvisorOptions options, HomeLayout layout, BackupEngine backups, IScheduler scheduler, BinaryDownloads? downloads = null)
    {
        _options = options;
        _layout = layout;
        _backups = backups;
        _scheduler = scheduler;
        _downloads = downloads;
    }

    public string? Check(UpgradeInfo upgrade)
    {
        try
        {
            return BinaryProblem(upgrade) ?? CustomScriptProblem() ?? UpgradeScriptProblem(upgrade.Name)
                ?? SwitchFilesCheck.Problem(_layout, upgrade.Name) ?? BackupProblem();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BackupException)
        {
            return $"the preflight of upgrade {upgrade.Name} could not complete: {e.Message}";
        }
    }

    /// <summary>
    /// A missing binary is downloaded when allowed and the plan names a URL: the download's state is the problem
    /// until it is in place, so the node keeps running meanwhile.
    /// </summary>
    private string? BinaryProblem(UpgradeInfo upgrade)
    {
        var problem = ExecutableCheck.UpgradeBinary(_layout, upgrade.Name);
        if (problem is null || Libc.KindOf(_layout.UpgradeBinary(upgrade.Name), followLinks: false) != FileKind.Missing)
        {
            return problem;
        }
        if (_downloads is null)
        {
            return UpgradeBinaries.Locate(upgrade.Info, PlatformKey.Current) is BinaryLocation.None
                ? problem
                : $"{problem}; the upgrade plan names a download URL: set DAEMON_ALLOW_DOWNLOAD_BINARIES=true, or fetch it with: wemixvisor prepare-upgrade {upgrade.Name}";
        }
        return _downloads.Problem(upgrade, out _) ?? problem;
    }

    private string? CustomScriptProblem() =>
        _options.CustomPreUpgrade is { } script
            ? ExecutableCheck.Problem(script, "custom pre-upgrade script (WEMIXVISOR_CUSTOM_PREUPGRADE)", "create it or change WEMIXVISOR_CUSTOM_PREUPGRADE")
            : null;

    private string? UpgradeScriptProblem(UpgradeName name)
    {
        var script = _layout.UpgradeHookScript(name);
        return Libc.KindOf(script, followLinks: false) == FileKind.Missing
            ? null
            : ExecutableCheck.Problem(script, "pre-upgrade script", "make it an executable file or remove it");
    }

    private string? BackupProblem()
    {
        if (_options.UnsafeSkipBackup)
        {
            return null;
        }
        // After a backup ran out of space the cached size is too old: it must fit what the backup found.
        return _backups.LocationProblem() ?? _backups.CheckSpace(Math.Max(DataBytes(), _backups.ShortOfSpaceFor ?? 0)).Problem;
    }

    private long DataBytes()
    {
        var now = _scheduler.Now;
        lock (_gate)
        {
            if (_dataSize is { } known && now - known.At < DataSizeReuse)
            {
                return known.Bytes;
            }
        }
        var bytes = _backups.MeasureData();
        lock (_gate)
        {
            _dataSize = (now, bytes);
        }
        return bytes;
    }
}
