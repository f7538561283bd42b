using System.Runtime.InteropServices;

namespace Wemixvisor.Platform.Interop;

/// <summary>Owners, hard links and full lstat, which a backup needs to copy a tree exactly.</summary>
internal static partial class Libc
{
    public const int EPERM = 1;

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int HardLink(string existing, string newPath);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUid();

    [LibraryImport("libc", EntryPoint = "getegid")]
    public static partial uint GetEffectiveGid();

    /// <summary>lstat of <paramref name="path"/> (a symlink describes itself); throws <see cref="IOException"/> naming it.</summary>
    public static StatxBuffer StatOf(string path)
    {
        if (Statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, out var buffer) != 0)
        {
            throw new IOException($"cannot stat {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
        return buffer;
    }

    /// <summary>lchown(2): gives <paramref name="path"/> (a symlink itself, not its target) this owner and group; the errno when refused, else 0.</summary>
    public static int ChangeOwner(string path, uint uid, uint gid) =>
        LChown(path, uid, gid) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>link(2): makes <paramref name="newPath"/> one more name of the file <paramref name="existing"/>.</summary>
    public static void CreateHardLink(string existing, string newPath)
    {
        if (HardLink(existing, newPath) != 0)
        {
            throw new IOException($"cannot link {newPath} to {existing}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }
}
