using System.Reactive.Concurrency;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.Tests.Simulation;

/// <summary>Time-compressed node lives: days of virtual time through the whole pipeline with fake ports.</summary>
public sealed class SimulationTests
{
    private const int BlocksPerVersion = 10;

    /// <summary>
    /// A chain with one block a second. Each version writes the trigger for the next one at its upgrade
    /// height; even versions then halt like a Cosmos node (exit 1), odd ones keep running like gstable
    /// (which stays at H-1) until wemixvisor stops them.
    /// </summary>
    private static void ScriptChain(SupervisorHarness h, Func<long> height, Action<long> setHeight)
    {
        h.Launcher.OnLaunch = node =>
        {
            var version = node.Binary == "genesis" ? 0 : int.Parse(node.Binary[1..]);
            var upgradeHeight = (version + 1L) * BlocksPerVersion;
            h.Scheduler.Schedule(TimeSpan.FromSeconds(upgradeHeight - height()), () =>
            {
                if (!node.IsRunning)
                {
                    return;
                }
                setHeight(upgradeHeight);
                h.WriteTrigger($"v{version + 1}", upgradeHeight);
                if (version % 2 == 0)
                {
                    node.Exit(NodeExit.Code(1));
                }
            });
        };
    }

    [Fact]
    public void HundredConsecutiveUpgrades_GenesisToV100_MarkerAndCurrentCorrectAfterEach()
    {
        using var h = new SupervisorHarness();
        long chainHeight = 0;
        ScriptChain(h, () => chainHeight, v => chainHeight = v);
        for (var i = 1; i <= 100; i++)
        {
            h.Upgrades.Binaries.Add($"v{i}");
        }
        h.Start();

        for (var i = 1; i <= 100; i++)
        {
            h.AdvanceUntil(() => h.Launcher.Current?.Binary == $"v{i}", TimeSpan.FromSeconds(BlocksPerVersion + 5), $"v{i} runs");
            Assert.Equal($"v{i}", h.Upgrades.Current);
            Assert.Equal(i * (long)BlocksPerVersion, h.Upgrades.Markers[$"v{i}"].Height);
            Assert.Equal($"v{i}", h.Transitions[^1].To.Applied.Name?.Value);
        }

        Assert.Equal(["genesis", .. Enumerable.Range(1, 100).Select(i => $"v{i}")], h.Launcher.Launched.Select(n => n.Binary));
        Assert.All(h.Launcher.Launched.Where(n => int.TryParse(n.Binary.TrimStart('v'), out var v) && v % 2 == 1),
            n => Assert.Equal([NodeSignal.Terminate], n.Received.Select(r => r.Signal)));
        Assert.Equal(0, h.Transitions.Count(s => s.To.Phase is SupervisorPhase.BackingOff));
        // Every cycle takes the same path through the state machine.
        var cycle = h.Phases().SkipWhile(p => p != "Running").Skip(1).TakeWhile(p => p != "Running").ToArray();
        Assert.Contains(cycle, c => c is "Upgrading");
        Assert.Equal(100, h.Transitions.Count(s => s.Event is SupervisorEvent.Switched));
        Assert.Equal(400, h.Upgrades.Log.Count(l => !l.What.StartsWith("Switch", StringComparison.Ordinal)));
    }

    [Fact]
    public void DayLongCrashLoop_BackoffCapsAtOneMinute_NeverGivesUpWhenUnlimited()
    {
        using var h = new SupervisorHarness(new SupervisorPolicy { MaxRestarts = 0 });
        h.Launcher.OnLaunch = node => h.Scheduler.Schedule(TimeSpan.FromSeconds(1), () => node.Exit(NodeExit.Code(2)));
        h.Start();

        h.Advance(TimeSpan.FromDays(1));

        var starts = h.Launcher.Launched.Select(n => n.StartedAt).ToArray();
        var gaps = starts.Zip(starts.Skip(1), (a, b) => (int)Math.Round((b - a).TotalSeconds - 1)).ToArray();
        Assert.Equal([1, 2, 4, 8, 16, 32], gaps.Take(6));
        Assert.All(gaps.Skip(6), gap => Assert.Equal(60, gap));
        // 6 growing waits (63 s + 7 runs) then one run every 61 s for the rest of the day.
        var expected = 7 + (int)((TimeSpan.FromDays(1).TotalSeconds - 63 - 7) / 61);
        Assert.InRange(h.Launcher.Launched.Count, expected, expected + 1);
        Assert.Null(h.ExitCode);
    }

    [Fact]
    public void MixedLife_SignalsCrashesAndUpgrades_FullTimeline()
    {
        using var h = new SupervisorHarness(new SupervisorPolicy { ShutdownGrace = TimeSpan.FromSeconds(20) });
        h.Upgrades.Binaries.UnionWith(["v1", "v2"]);
        h.Start();
        var timeline = new List<string>();
        void Note(string what) => timeline.Add($"{h.Now.TotalSeconds:0}s {what}");

        h.Advance(TimeSpan.FromMinutes(1));
        h.Signal(NodeSignal.Hangup);                        // a closed terminal: ignored
        h.Advance(TimeSpan.FromSeconds(1));
        Note($"{h.Node.Binary} alive after HUP: {h.Node.Received.Count == 0}");

        h.Node.Exit(NodeExit.Signal(11));                   // a crash: restarted after 1 s
        h.Advance(TimeSpan.FromSeconds(2));
        Note($"restarted {h.Node.Binary}, launches {h.Launcher.Launched.Count}");

        h.Launcher.Behaviour = NodeBehaviour.IgnoresTerm;    // v1 will hang on TERM
        h.WriteTrigger("v1", 100);
        h.Advance(TimeSpan.FromSeconds(2));
        Note($"running {h.Node.Binary}, current {h.Upgrades.Current}");

        h.WriteTrigger("v2", 200);                          // v1 ignores TERM: QUIT after 20 s
        h.Advance(TimeSpan.FromSeconds(25));
        var v1 = h.Launcher.Launched.Single(n => n.Binary == "v1");
        Note($"v1 got {string.Join(",", v1.Received.Select(r => r.Signal))}, running {h.Node.Binary}");

        h.Launcher.Behaviour = NodeBehaviour.Graceful;
        h.Node.Exit(NodeExit.Code(1));                      // v2 fails before its ready timeout: rolled back to v1
        h.Advance(TimeSpan.FromSeconds(2));
        h.Signal(NodeSignal.Terminate);                     // the operator stops it
        h.Advance(TimeSpan.FromSeconds(1));
        Note($"exit {h.ExitCode}, launches {string.Join(",", h.Launcher.Launched.Select(n => n.Binary))}");

        Assert.Equal(
        [
            "61s genesis alive after HUP: True",
            "63s restarted genesis, launches 2",
            "65s running v1, current v1",
            "90s v1 got Terminate,Quit, running v2",
            "93s exit 0, launches genesis,genesis,v1,v2,v1",
        ], timeline);
    }
}
