using System.Globalization;
using System.Reactive.Concurrency;
using BenchmarkDotNet.Attributes;
using Wemixvisor.Core.Ports;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.Benchmarks;

/// <summary>
/// Whole upgrade cycles through the real pipeline (watcher, Decider, interpreter) on the simulation
/// harness's fake ports and virtual time. One cycle: the node runs one virtual second, writes the
/// trigger for the next version, and either halts at once (a Cosmos node) or keeps running until it is
/// stopped with SIGTERM (gstable); then preflight, backup, hooks, switch, restart. The figure is
/// wall time per cycle, so operations per second are upgrade cycles per second.
/// </summary>
[MemoryDiagnoser]
public class UpgradeCycleBenchmarks
{
    public const int CyclesPerInvoke = 100;

    private static readonly TimeSpan s_blockTime = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_virtualDeadline = TimeSpan.FromSeconds(30) * CyclesPerInvoke;

    [Benchmark(OperationsPerInvoke = CyclesPerInvoke)]
    public int UpgradeCycle()
    {
        using var harness = new SupervisorHarness();
        ScriptChain(harness);
        for (var version = 1; version <= CyclesPerInvoke; version++)
        {
            harness.Upgrades.Binaries.Add(Version(version));
        }
        harness.Start();

        var last = Version(CyclesPerInvoke);
        var deadline = harness.Now + s_virtualDeadline;
        while (harness.Launcher.Current?.Binary != last)
        {
            if (harness.Now > deadline)
            {
                throw new InvalidOperationException(
                    $"the simulation did not reach {last} within {s_virtualDeadline} of virtual time; it runs {harness.Upgrades.Current}");
            }
            harness.Advance(s_blockTime);
        }
        return harness.Launcher.Launched.Count;
    }

    /// <summary>Each version writes the next trigger after one block; even versions then halt, odd ones run on.</summary>
    private static void ScriptChain(SupervisorHarness harness)
    {
        harness.Launcher.OnLaunch = node =>
        {
            var version = node.Binary == FakeUpgradeHost.Genesis ? 0 : int.Parse(node.Binary[1..], CultureInfo.InvariantCulture);
            harness.Scheduler.Schedule(s_blockTime, () =>
            {
                if (!node.IsRunning)
                {
                    return;
                }
                harness.WriteTrigger(Version(version + 1), version + 1);
                if (version % 2 == 0)
                {
                    node.Exit(NodeExit.Code(1));
                }
            });
        };
    }

    private static string Version(int version) => string.Create(CultureInfo.InvariantCulture, $"v{version}");
}
