namespace Wemixvisor.Core.Operations;

/// <summary>The timed parts of an upgrade, as <c>wemixvisor_upgrade_duration_seconds{stage}</c> names them.</summary>
public enum UpgradeActivity
{
    /// <summary>From the first stop signal until the node has exited (and the restart delay has passed).</summary>
    Stop,
    Backup,

    /// <summary>The custom, per-upgrade and binary pre-upgrade hooks, retry waits included.</summary>
    Hooks,
    Switch,

    /// <summary>From the switch until the new binary's process has started.</summary>
    Start,
}
