using System.Runtime.InteropServices;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.IntegrationTests.Harness;

/// <summary>Signal numbers and libc kill(2) for tests.</summary>
public static class Signals
{
    public const int Hangup = 1;
    public const int Interrupt = 2;
    public const int Quit = 3;
    public const int Kill = 9;
    public const int Terminate = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/> (a negative pid names a process group); false when nothing received it.</summary>
    public static bool Send(int pid, int signal) => Libc.Kill(pid, signal) == 0;

    public static void SendOrFail(int pid, int signal)
    {
        if (Libc.Kill(pid, signal) != 0)
        {
            Assert.Fail($"kill({pid}, {signal}) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }
}
