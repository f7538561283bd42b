using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Files;

namespace Wemixvisor.Platform.Switching;

/// <summary>
/// Whether the files of a switch can be written where they go: the journal and the new <c>current</c> link in
/// <c>$DAEMON_HOME/wemixvisor</c>, the applied marker in the upgrade's directory. Checked by the preflight, while the
/// node still runs, by writing (durably) and removing a small probe file in each: a read-only or full file system
/// blocks the upgrade with one clear message instead of failing the switch after the node was stopped.
/// </summary>
internal static class SwitchFilesCheck
{
    public const string ProbeName = ".switch-probe";

    /// <summary>Null when both directories take a durable write; else the problem, naming the directory and the fix.</summary>
    public static string? Problem(HomeLayout layout, UpgradeName upgrade)
    {
        foreach (var (directory, holds) in new[] { (layout.Root, "the upgrade journal and the current link"), (layout.UpgradeDir(upgrade), "the applied marker") })
        {
            var probe = Path.Combine(directory, ProbeName);
            try
            {
                AtomicFile.Write(probe, "{}\n"u8);
                AtomicFile.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"cannot write in {directory}, where {holds} of upgrade {upgrade} must be written ({e.Message}); " +
                    "wemixvisor never switches without its journal: make that file system writable or free space on it";
            }
        }
        return null;
    }
}
