using System.Reactive.Concurrency;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Supervision;

/// <summary>The effects the supervisor's commands run through.</summary>
public sealed record SupervisorPorts(
    INodeLauncher Launcher,
    TriggerReader Trigger,
    IUpgradePreflight Preflight,
    IUpgradeSteps Steps,
    IUpgradeSwitcher Switcher);

/// <summary>
/// <paramref name="Loop"/>: the one serial lane events are decided on, and every timer.
/// <paramref name="Work"/>: where blocking checks run so that the lane stays free for signals.
/// Tests give one <c>TestScheduler</c> to both.
/// </summary>
public sealed record SupervisorSchedulers(IScheduler Loop, IScheduler Work);
