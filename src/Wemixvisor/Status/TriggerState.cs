namespace Wemixvisor.Status;

/// <summary>What the trigger file says, seen from the applied upgrade.</summary>
internal enum TriggerState
{
    /// <summary>No trigger file: no upgrade pending.</summary>
    None,

    /// <summary>A valid upgrade newer than the applied one: <c>run</c> applies it.</summary>
    Pending,

    /// <summary>The trigger names the upgrade that is applied already.</summary>
    Applied,

    /// <summary>A valid upgrade that is not above the applied height: <c>run</c> ignores it (never a downgrade).</summary>
    Outdated,

    /// <summary>Well formed but wrong, or unreadable; <see cref="UpgradeReport.Reason"/> says why.</summary>
    Invalid,

    /// <summary>Empty or truncated JSON: most likely still being written.</summary>
    Incomplete,
}
