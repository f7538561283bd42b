using CsCheck;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;
using static Wemixvisor.Core.Supervision.SupervisorCommand;
using static Wemixvisor.Core.Supervision.SupervisorEvent;

namespace Wemixvisor.Tests.Properties;

/// <summary>
/// <see cref="Decider.Decide"/> driven by random lives: every command gets a random outcome in a random order, and
/// triggers, signals, crashes, chain heads and stale timers arrive in between. Whatever the order, no command touches
/// the node or the data in a state that does not allow it, no upgrade is switched to twice, and a stop request that
/// is followed only by the ordinary outcomes ends in an exit.
/// </summary>
public sealed class DeciderProperties
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UpgradeInfo[] Upgrades =
    [
        new(UpgradeName.Parse("v2"), 10, null, ""),
        new(UpgradeName.Parse("v3"), 20, null, ""),
        new(UpgradeName.Parse("v4"), 30, null, "{\"binaries\":{}}"),
    ];

    /// <summary>A random policy and a random life: each step is (what happens, which outcome).</summary>
    private static readonly Gen<(SupervisorPolicy Policy, (int Kind, int Pick)[] Steps)> Lives =
        Gen.Select(
            Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, Gen.Int[0, 3], Gen.Int[0, 2], Gen.Bool),
            Gen.Select(Gen.Int[0, 9], Gen.Int[0, 1000]).Array[0, 80],
            (p, steps) => (new SupervisorPolicy
            {
                ShutdownGrace = p.Item1 ? TimeSpan.Zero : TimeSpan.FromSeconds(5),
                RestartDelay = p.Item2 ? TimeSpan.Zero : TimeSpan.FromSeconds(1),
                RestartAfterUpgrade = p.Item3,
                RestartOnFailure = p.Item4,
                MaxRestarts = p.Item5,
                PreUpgradeMaxRetries = p.Item6,
                ReadinessByRpc = p.Item7,
            }, steps));

    [Fact]
    public void Decide_RandomLivesFromEveryReachableState_KeepTheSupervisorsPromises() =>
        Property.Check(Lives, life => new World(life.Policy).Live(life.Steps), cases: 3_000,
            print: life => $"{life.Policy} steps [{string.Join(", ", life.Steps)}]");

    /// <summary>The outside world of the decider, kept as simply as the promises need.</summary>
    private sealed class World(SupervisorPolicy policy)
    {
        private readonly Decider _decider = new(policy);
        private readonly List<SupervisorCommand> _pending = [];
        private readonly Dictionary<UpgradeName, int> _switches = [];
        private readonly List<string> _history = [];
        private SupervisorState _state = SupervisorState.Initial(AppliedUpgrade.Genesis);
        private TriggerFile _trigger = TriggerFile.Absent.Instance;
        private int? _nodePid;
        private bool _launching;
        private int _nextPid = 100;
        private long _head = 1;

        private bool NodeMayRun => _nodePid is not null || _launching;

        public void Live((int Kind, int Pick)[] steps)
        {
            Apply(new Started());
            foreach (var (kind, pick) in steps)
            {
                if (_state.Phase is SupervisorPhase.Exited)
                {
                    return;
                }
                if (Happening(kind, pick) is { } e)
                {
                    Apply(e);
                }
            }
            if (_state.Phase is SupervisorPhase.Exited)
            {
                return;
            }
            // A stop request, then only the ordinary outcomes, oldest command first.
            Apply(new SignalReceived(NodeSignal.Terminate));
            for (var i = 0; i < 200 && _state.Phase is not SupervisorPhase.Exited; i++)
            {
                if (_pending.Count == 0)
                {
                    Fail("the stop request left the supervisor waiting for nothing");
                }
                if (Outcome(0, pick: 1) is { } e)
                {
                    Apply(e);
                }
            }
            if (_state.Phase is not SupervisorPhase.Exited)
            {
                Fail("the stop request did not end in an exit within 200 outcomes");
            }
        }

        private SupervisorEvent? Happening(int kind, int pick) => kind switch
        {
            <= 4 when _pending.Count > 0 => Outcome(pick % _pending.Count, pick),
            5 => NewTrigger(pick),
            6 => new SignalReceived((pick % 5) switch { 0 => NodeSignal.Hangup, 1 => NodeSignal.Interrupt, 2 => NodeSignal.Quit, _ => NodeSignal.Terminate }),
            7 when _nodePid is { } pid => NodeGone(pid, NodeExit.Code(pick % 3)),
            8 => pick % 3 == 0 ? new ChainHeadUnavailable("no answer", T0) : new ChainHeadRead(_head += pick % 4, T0),
            9 => new TimerElapsed(new TimerId(pick % 12)),
            _ => null,
        };

        private TriggerObserved NewTrigger(int pick)
        {
            _trigger = new TriggerFile.Valid(Upgrades[pick % Upgrades.Length]);
            return new TriggerObserved(_trigger);
        }

        private NodeExited NodeGone(int pid, NodeExit exit)
        {
            _nodePid = null;
            return new NodeExited(pid, exit, T0);
        }

        /// <summary>Carries out pending command <paramref name="index"/>; <paramref name="pick"/> chooses the outcome (1 is always the ordinary one).</summary>
        private SupervisorEvent? Outcome(int index, int pick)
        {
            var command = _pending[index];
            _pending.RemoveAt(index);
            var ordinary = pick == 1;
            switch (command)
            {
                case CheckTrigger:
                    return new TriggerChecked(_trigger);
                case StartNode:
                    _launching = false;
                    if (!ordinary && pick % 6 == 0)
                    {
                        return new NodeStartFailed("cannot execute", T0);
                    }
                    _nodePid = _nextPid++;
                    return new NodeStarted(_nodePid.Value, T0);
                case SignalNode s:
                    if (_nodePid is not { } pid)
                    {
                        return null;
                    }
                    // A node may ignore a polite signal; SIGKILL always ends it.
                    return s.Signal == NodeSignal.Kill || ordinary || pick % 3 != 0 ? NodeGone(pid, NodeExit.Signal((int)s.Signal)) : null;
                case StartTimer t:
                    return new TimerElapsed(t.Id);
                case RunPreflight p:
                    return !ordinary && pick % 3 == 0 ? new PreflightFailed(p.Upgrade, $"problem {pick % 2}") : new PreflightPassed(p.Upgrade);
                case RunJob j:
                    return new JobFinished(j.Job, ordinary ? new JobOutcome.Succeeded("done") : (pick % 6) switch
                    {
                        5 => new JobOutcome.Postponed("out of space"),
                        0 => new JobOutcome.Failed("broken"),
                        1 => new JobOutcome.RetryRequested("again"),
                        2 => new JobOutcome.Skipped("not configured"),
                        _ => new JobOutcome.Succeeded("done"),
                    });
                case SwitchTo s:
                    return !ordinary && pick % 5 == 0 ? new SwitchFailed(s.Upgrade, "rename failed") : new Switched(s.Upgrade);
                case RestoreBackup:
                    return new RestoreFinished(!ordinary && pick % 4 == 0 ? new JobOutcome.Failed("restore failed") : new JobOutcome.Succeeded("restored"));
                case PruneBackups:
                    return new BackupsPruned(new JobOutcome.Succeeded("pruned"));
                case SwitchBack b:
                    return !ordinary && pick % 5 == 0 ? new SwitchBackFailed(b.To, "rename failed") : new SwitchedBack(b.To);
                default:
                    return null;
            }
        }

        private void Apply(SupervisorEvent e)
        {
            var before = _state;
            var decision = _decider.Decide(before, e);
            _history.Add($"{Name(before.Phase)} + {e} -> {Name(decision.State.Phase)} [{string.Join(", ", decision.Commands)}]");
            foreach (var command in decision.Commands)
            {
                Check(command);
            }
            _state = decision.State;
        }

        private void Check(SupervisorCommand command)
        {
            switch (command)
            {
                case StartNode when NodeMayRun:
                    Fail("a second node was started while one may still run");
                    break;
                case RunJob or SwitchTo or SwitchBack or RestoreBackup when NodeMayRun:
                    Fail($"{command} was issued while the node may still run");
                    break;
                case Exit when NodeMayRun:
                    Fail("wemixvisor exits while the node may still run");
                    break;
                case SwitchTo s:
                    _switches[s.Upgrade.Name] = _switches.GetValueOrDefault(s.Upgrade.Name) + 1;
                    if (_switches[s.Upgrade.Name] > 1)
                    {
                        Fail($"a switch to {s.Upgrade.Name} was issued twice");
                    }
                    break;
            }
            switch (command)
            {
                case StartNode:
                    _launching = true;
                    _pending.Add(command);
                    break;
                case CheckTrigger or SignalNode or StartTimer or RunPreflight or RunJob or SwitchTo or RestoreBackup or PruneBackups or SwitchBack:
                    _pending.Add(command);
                    break;
            }
        }

        private void Fail(string promise) =>
            throw new Xunit.Sdk.XunitException($"{promise}\n{string.Join("\n", _history)}");

        private static string Name(SupervisorPhase phase) => phase.GetType().Name;
    }
}
