using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Platform.Backup;
using Wemixvisor.Platform.Files;
using Wemixvisor.Platform.Interop;
using Wemixvisor.Platform.Upgrades;

namespace Wemixvisor.Inspection;

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

/// <summary>The upgrade binary of an upgrade: where it must be, and what is wrong with it (null when it is in place).</summary>
internal sealed record BinaryReport(string Path, string? Problem)
{
    public bool InPlace => Problem is null;
}

/// <summary>
/// The trigger file's upgrade judged the way <c>run</c> judges it: pending when it names another upgrade at a
/// greater height than the applied marker <c>current/upgrade-info.json</c> (genesis when there is none).
/// </summary>
internal sealed record UpgradeReport(string TriggerFile, TriggerState State, UpgradeInfo? Upgrade, string? Reason, AppliedUpgrade Applied, BinaryReport? Binary)
{
    public static UpgradeReport Read(HomeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var probe = new LinuxFileProbe();
        var applied = ReadApplied(new TriggerReader(probe, layout.CurrentMarker));
        TriggerFile file;
        try
        {
            file = new TriggerReader(probe, layout.TriggerFile).Read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file = new TriggerFile.Invalid($"cannot be read: {e.Message}");
        }
        return file switch
        {
            TriggerFile.Valid { Upgrade: var upgrade } => new UpgradeReport(
                layout.TriggerFile, Judge(applied, upgrade), upgrade, ReasonFor(applied, upgrade), applied, CheckBinary(layout, upgrade.Name)),
            TriggerFile.Invalid invalid => new UpgradeReport(layout.TriggerFile, TriggerState.Invalid, null, invalid.Reason, applied, null),
            TriggerFile.Incomplete incomplete => new UpgradeReport(layout.TriggerFile, TriggerState.Incomplete, null, incomplete.Reason, applied, null),
            _ => new UpgradeReport(layout.TriggerFile, TriggerState.None, null, null, applied, null),
        };
    }

    /// <summary>The state as shown in text and JSON: none, pending, applied, outdated, invalid or incomplete.</summary>
    public string StateText => State.ToString().ToLowerInvariant();

    private static AppliedUpgrade ReadApplied(TriggerReader marker)
    {
        try
        {
            return marker.ReadApplied();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return AppliedUpgrade.Genesis;
        }
    }

    private static TriggerState Judge(AppliedUpgrade applied, UpgradeInfo upgrade) =>
        applied.IsPendingFor(upgrade) ? TriggerState.Pending
        : upgrade.Name == applied.Name ? TriggerState.Applied
        : TriggerState.Outdated;

    private static string? ReasonFor(AppliedUpgrade applied, UpgradeInfo upgrade) => Judge(applied, upgrade) switch
    {
        TriggerState.Applied => $"current/{HomeLayout.TriggerFileName} names it: it is the running version",
        TriggerState.Outdated => $"height {upgrade.Height} is not above the applied {applied.Name} at height {applied.Height}; wemixvisor never downgrades",
        _ => null,
    };

    /// <summary>The checks the upgrade preflight makes on the binary: present, a regular executable file, and really inside <c>upgrades/</c>.</summary>
    internal static BinaryReport CheckBinary(HomeLayout layout, UpgradeName name)
    {
        var binary = layout.UpgradeBinary(name);
        try
        {
            if (Libc.KindOf(binary, followLinks: true) != FileKind.Missing
                && Libc.ResolveRealPath(binary) is { } real
                && !PathContainment.IsSameOrInside(real, PathContainment.RealPathOf(layout.UpgradesDir)))
            {
                return new BinaryReport(binary, $"{binary} resolves to {real}, outside {layout.UpgradesDir}; copy it in with: wemixvisor add-upgrade {name} <path-to-binary>");
            }
            return new BinaryReport(binary, ExecutableCheck.Problem(binary, "upgrade binary", $"install it with: wemixvisor add-upgrade {name} <path-to-binary>"));
        }
        catch (IOException e)
        {
            return new BinaryReport(binary, e.Message);
        }
    }
}
