using BenchmarkDotNet.Attributes;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;
using static Wemixvisor.Core.Supervision.SupervisorEvent;
using static Wemixvisor.Core.Supervision.SupervisorPhase;

namespace Wemixvisor.Benchmarks;

/// <summary>One decision of the pure state machine, on the transitions every upgrade goes through.</summary>
[MemoryDiagnoser]
public class DecideBenchmarks
{
    private static readonly DateTimeOffset s_at = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UpgradeInfo s_upgrade = new(Name("v2"), 200, null, "");
    private static readonly NodeRun s_node = new(4242, s_at);

    private readonly Decider _decider = new(new SupervisorPolicy());
    private readonly SupervisorState _running = State(new Running(s_node));
    private readonly SupervisorState _stopping = State(new Stopping(s_upgrade, s_node, Escalation.Graceful, new TimerId(1), false));
    private readonly SupervisorEvent _observed = new TriggerObserved(new TriggerFile.Valid(s_upgrade));
    private readonly SupervisorEvent _exited = new NodeExited(4242, NodeExit.Code(0), s_at);
    private readonly SupervisorEvent _hangup = new SignalReceived(NodeSignal.Hangup);

    /// <summary>Running, a new valid trigger: prepare the upgrade.</summary>
    [Benchmark(Baseline = true)]
    public Decision UpgradeObservedWhileRunning() => Expect<Preparing>(_decider.Decide(_running, _observed));

    /// <summary>Stopping for an upgrade, the node exited: begin the upgrade stages.</summary>
    [Benchmark]
    public Decision NodeExitedWhileStopping() => Expect<Upgrading>(_decider.Decide(_stopping, _exited));

    /// <summary>An event that changes nothing (SIGHUP): the cheapest path, with its reason.</summary>
    [Benchmark]
    public Decision HangupIgnored() => Expect<Running>(_decider.Decide(_running, _hangup));

    private static SupervisorState State(SupervisorPhase phase) =>
        SupervisorState.Initial(new AppliedUpgrade(Name("v1"), 100)).With(phase);

    private static UpgradeName Name(string text) =>
        UpgradeName.TryParse(text, out var name, out var error) ? name.Value : throw new InvalidOperationException(error);

    private static Decision Expect<TPhase>(Decision decision) where TPhase : SupervisorPhase =>
        decision.State.Phase is TPhase
            ? decision
            : throw new InvalidOperationException($"expected {typeof(TPhase).Name}, the decider went to {decision.State.Phase}");
}
