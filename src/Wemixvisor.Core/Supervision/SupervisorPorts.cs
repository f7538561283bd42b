using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Supervision;

/// <summary>The effects the supervisor's commands run through.</summary>
public sealed record SupervisorPorts(
    INodeLauncher Launcher,
    TriggerReader Trigger,
    IUpgradePreflight Preflight,
    IUpgradeJobs Jobs,
    IUpgradeSwitcher Switcher,
    IUpgradeResults Results,
    IProbationJournal Probations);
