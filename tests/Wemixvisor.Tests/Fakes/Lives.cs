using Wemixvisor.Core.Ports;

namespace Wemixvisor.Tests.Fakes;

/// <summary>Stretches of node life that several tests replay on a <see cref="SupervisorHarness"/>.</summary>
public static class Lives
{
    /// <summary>Starts the harness; the node crashes twice (exit code 1, then SIGSEGV) and is restarted, then upgrade v2 is applied.</summary>
    public static void CrashTwiceThenUpgradeToV2(SupervisorHarness h)
    {
        ArgumentNullException.ThrowIfNull(h);
        h.Upgrades.Binaries.Add("v2");
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        h.Node.Exit(NodeExit.Code(1));
        h.Advance(TimeSpan.FromSeconds(2));
        h.Node.Exit(NodeExit.Signal(11));
        h.Advance(TimeSpan.FromSeconds(3));
        h.WriteTrigger("v2", 100);
        h.Advance(TimeSpan.FromSeconds(5));
    }
}
