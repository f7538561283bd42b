using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Ports;

/// <summary>Checks, while the node still runs, everything an upgrade needs (binary, scripts, free space).</summary>
public interface IUpgradePreflight
{
    /// <summary>Null when the upgrade can proceed, else one clear sentence naming the path and the fix.</summary>
    string? Check(UpgradeInfo upgrade);
}
