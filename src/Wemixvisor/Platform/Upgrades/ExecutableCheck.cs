using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Upgrades;

/// <summary>Whether a file can be run as a program, and if not, one sentence naming it and the fix. Never changes a mode.</summary>
internal static class ExecutableCheck
{
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
