namespace Wemixvisor.Core.Ports;

/// <summary>The jobs between stopping the node and switching, in the order the supervisor runs them.</summary>
public enum UpgradeJob
{
    Backup,
    CustomPreUpgrade,
    UpgradePreUpgrade,
    BinaryPreUpgrade,
}
