using System.Runtime.InteropServices;

namespace Wemixvisor.Platform.Interop;

/// <summary>The field of <c>siginfo_t</c> that <c>waitid(2)</c> fills and wemixvisor reads; the struct is 128 bytes long on every 64-bit Linux.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct SigInfo
{
    /// <summary>si_pid: after si_signo, si_errno, si_code and the padding that aligns the union to 8 bytes.</summary>
    [FieldOffset(16)] public int Pid;
}
