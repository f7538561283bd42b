using System.Runtime.InteropServices;

namespace Wemixvisor.Platform.Interop;

/// <summary>Child processes: the subreaper flag and waiting for children that wemixvisor did not start itself.</summary>
internal static partial class Libc
{
    private const int PR_SET_CHILD_SUBREAPER = 36;
    private const int P_ALL = 0;
    private const int WNOHANG = 1;
    private const int WEXITED = 4;
    private const int WNOWAIT = 0x01000000;

    /// <summary>prctl(2) is variadic; on 64-bit Linux its arguments travel in registers like fixed ones.</summary>
    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "waitid", SetLastError = true)]
    private static partial int Waitid(int idType, uint id, ref SigInfo info, int options);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int Waitpid(int pid, out int status, int options);

    /// <summary>
    /// PR_SET_CHILD_SUBREAPER: orphans among this process's descendants are re-parented to it instead of to
    /// init. Null on success, else the reason.
    /// </summary>
    public static string? BecomeChildSubreaper() =>
        Prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0 ? null : Marshal.GetLastPInvokeErrorMessage();

    /// <summary>
    /// True when some child has ended and waits to be reaped. Peeks with WNOWAIT, so the child stays
    /// waitable for whoever owns it (the runtime reaps the children it started itself).
    /// </summary>
    public static bool HasEndedChild()
    {
        var info = default(SigInfo);
        return Waitid(P_ALL, 0, ref info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.Pid > 0;
    }

    /// <summary>Reaps the ended child <paramref name="pid"/> (never another); false when it is not an ended child of this process.</summary>
    public static bool ReapChild(int pid) => Waitpid(pid, out _, WNOHANG) == pid;
}
