using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Platform.Switching;

/// <summary>
/// Run once at start-up, after the instance lock is held and before anything reads <c>current</c>:
/// completes a switch that a killed wemixvisor left half done, so that <c>current</c>, the applied
/// marker and the journal agree, and removes temp files of interrupted atomic writes.
/// </summary>
internal sealed class StartupRecovery(HomeLayout layout, UpgradeJournal journal, AtomicUpgradeSwitcher switcher, ILogger<StartupRecovery> logger)
{
    /// <summary>The upgrade whose switch was completed, or null when there was nothing to complete. Throws <see cref="UpgradeSwitchException"/> when it cannot be completed.</summary>
    public UpgradeInfo? Run()
    {
        RemoveStrays();
        switch (journal.Read())
        {
            case JournalContent.Switching(var upgrade):
                logger.ResumingSwitch(upgrade.Name.Value);
                switcher.SwitchNow(upgrade);
                return upgrade;
            case JournalContent.SwitchingBack(var previous):
                logger.ResumingSwitch(previous.ToString());
                switcher.SwitchBackNow(previous);
                return null;
            case JournalContent.Unreadable(var reason):
                // The link only ever changes by one rename, so it still points to a complete version;
                // a pending upgrade it does not reflect is found again through the trigger.
                logger.JournalUnreadable(journal.Path, reason, new FileInfo(layout.Current).LinkTarget ?? "(not a link)");
                journal.Clear();
                return null;
            default:
                return null;
        }
    }

    private void RemoveStrays()
    {
        if (!Directory.Exists(layout.Root))
        {
            return;
        }
        var strays = Directory.EnumerateFileSystemEntries(layout.Root, CurrentLinkWriter.TempLinkPrefix + "*")
            .Concat(Directory.EnumerateFileSystemEntries(layout.Root, ".*.tmp-*"));
        if (Directory.Exists(layout.UpgradesDir))
        {
            strays = strays.Concat(Directory.EnumerateDirectories(layout.UpgradesDir)
                .SelectMany(directory => Directory.EnumerateFiles(directory, $".{HomeLayout.TriggerFileName}.tmp-*")));
        }
        foreach (var stray in strays.ToList())
        {
            File.Delete(stray);
            logger.StrayRemoved(stray);
        }
    }
}
