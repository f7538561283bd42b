using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Ports;

/// <summary>Makes an upgrade the running version: the applied marker, then the <c>current</c> link, journaled.</summary>
public interface IUpgradeSwitcher
{
    /// <summary>Emits once when <c>current</c> points to the upgrade; fails with a message otherwise.</summary>
    IObservable<System.Reactive.Unit> Switch(UpgradeInfo upgrade);

    /// <summary>Points <c>current</c> back to <paramref name="previous"/> (genesis or an applied upgrade), journaled like a switch; emits once or fails with a message.</summary>
    IObservable<System.Reactive.Unit> SwitchBack(AppliedUpgrade previous);
}
