using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Backup;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Upgrades;

/// <summary>Whether a file can be run as a program, and if not, one sentence naming it and the fix. Never changes a mode.</summary>
internal static class ExecutableCheck
{
    /// <summary>
    /// The one check of an upgrade's binary, made by the preflight before an upgrade and by <c>status</c> and
    /// <c>show-upgrade-info</c>: present, a regular executable file, and really inside <c>upgrades/</c> (a link
    /// that leads out of it is refused). Null when the binary is in place.
    /// </summary>
    /// <exception cref="IOException">The binary or <c>upgrades/</c> cannot be examined.</exception>
    public static string? UpgradeBinary(HomeLayout layout, UpgradeName name)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var binary = layout.UpgradeBinary(name);
        if (Libc.KindOf(binary, followLinks: true) != FileKind.Missing
            && Libc.ResolveRealPath(binary) is { } real
            && !PathContainment.IsSameOrInside(real, PathContainment.RealPathOf(layout.UpgradesDir)))
        {
            return $"upgrade binary {binary} resolves to {real}, which is outside {layout.UpgradesDir}; " +
                   $"copy the binary into {binary} instead of linking to it (wemixvisor add-upgrade {name} <path-to-binary> does that)";
        }
        return Problem(binary, "upgrade binary", $"install the new binary there, for example with: wemixvisor add-upgrade {name} <path-to-binary>");
    }

    /// <param name="what">How the message names the file, e.g. "upgrade binary".</param>
    /// <param name="whenMissing">The fix to suggest when the file is missing or not a file.</param>
    public static string? Problem(string path, string what, string whenMissing)
    {
        switch (Libc.KindOf(path, followLinks: true))
        {
            case FileKind.Missing when Libc.KindOf(path, followLinks: false) == FileKind.SymbolicLink:
                return $"{what} {path} is a symlink to {new FileInfo(path).LinkTarget}, which does not exist; {whenMissing}";
            case FileKind.Missing:
                return $"{what} {path} does not exist; {whenMissing}";
            case FileKind.Regular:
                return Libc.IsExecutable(path)
                    ? null
                    : $"{what} {path} is not executable; make it executable with: chmod +x {path}";
            default:
                return $"{what} {path} is not a regular file; {whenMissing}";
        }
    }
}
