using System.Reactive;
using System.Reactive.Linq;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Platform.Files;

namespace Wemixvisor.Platform.Switching;

/// <summary>
/// Makes an upgrade the running version, in an order that a kill at any point can resume:
/// journal, applied marker <c>upgrades/&lt;dir&gt;/upgrade-info.json</c>, a relative temp link renamed over
/// <c>current</c>, fsync of the directory, journal cleared. Every step can be repeated safely.
/// </summary>
internal sealed class AtomicUpgradeSwitcher(HomeLayout layout, UpgradeJournal journal, ILogger<AtomicUpgradeSwitcher> logger) : IUpgradeSwitcher
{

    /// <summary>Cold: each subscription runs the switch on the thread pool, then emits once.</summary>
    public IObservable<Unit> Switch(UpgradeInfo upgrade) =>
        Observable.FromAsync(cancellationToken => Task.Run(() => SwitchNow(upgrade), cancellationToken));

    /// <summary>Cold: each subscription points <c>current</c> back on the thread pool, then emits once.</summary>
    public IObservable<Unit> SwitchBack(AppliedUpgrade previous) =>
        Observable.FromAsync(cancellationToken => Task.Run(() => SwitchBackNow(previous), cancellationToken));

    /// <summary>
    /// Points <c>current</c> back to <paramref name="previous"/> after a failed upgrade: journal, the link renamed over
    /// <c>current</c>, journal cleared. The previous version's own marker (none for genesis) still names it.
    /// </summary>
    public void SwitchBackNow(AppliedUpgrade previous)
    {
        var (target, binary) = previous.Name is { } name
            ? (layout.RelativeTarget(name), layout.UpgradeBinary(name))
            : (HomeLayout.GenesisRelativeTarget, layout.GenesisBinary);
        if (FileStatus.Get(binary) is not { IsRegularFile: true })
        {
            throw new UpgradeSwitchException(
                $"cannot switch back to {previous}: {binary} is missing or not a regular file; current still points to {CurrentTarget()}");
        }
        try
        {
            journal.BeginSwitchBack(previous);
            var from = CurrentTarget();
            CurrentLinkWriter.PointTo(layout, target);
            logger.LinkSwitched(target, from);
            journal.Clear();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UpgradeSwitchException($"cannot switch back to {previous}: {e.Message}; current points to {CurrentTarget()}", e);
        }
    }

    public void SwitchNow(UpgradeInfo upgrade)
    {
        var directory = layout.UpgradeDir(upgrade.Name);
        var binary = layout.UpgradeBinary(upgrade.Name);
        if (FileStatus.Get(binary) is not { IsRegularFile: true })
        {
            throw new UpgradeSwitchException(
                $"cannot switch to upgrade {upgrade.Name}: {binary} is missing or not a regular file; current still points to {CurrentTarget()}");
        }
        try
        {
            journal.Begin(upgrade);
            logger.SwitchBegun(upgrade.Name.Value, upgrade.Height);

            var marker = layout.UpgradeMarker(upgrade.Name);
            AtomicFile.Write(marker, UpgradeInfoJson.ToBytes(upgrade));
            logger.MarkerWritten(marker);

            var previous = CurrentTarget();
            var target = layout.RelativeTarget(upgrade.Name);
            CurrentLinkWriter.PointTo(layout, target);
            logger.LinkSwitched(target, previous);

            journal.Clear();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UpgradeSwitchException(
                $"cannot switch to upgrade {upgrade.Name} ({directory}): {e.Message}; current points to {CurrentTarget()}", e);
        }
    }

    private string CurrentTarget()
    {
        try
        {
            return new FileInfo(layout.Current).LinkTarget ?? "(not a link)";
        }
        catch (IOException)
        {
            return "(missing)";
        }
    }
}

/// <summary>The switch could not be made; the message names the upgrade, the path and where <c>current</c> points.</summary>
internal sealed class UpgradeSwitchException(string message, Exception? inner = null) : Exception(message, inner);
