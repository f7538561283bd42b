namespace Wemixvisor.Core.Supervision;

/// <summary>The stages of an upgrade after the node stopped, in order.</summary>
public enum UpgradeStage
{
    RestartDelay,
    Backup,
    CustomPreUpgrade,
    UpgradePreUpgrade,
    BinaryPreUpgrade,
    PreUpgradeRetryWait,
    Switching,
    PruningBeforeExit,
}
