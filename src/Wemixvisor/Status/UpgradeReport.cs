using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Platform.Files;
using Wemixvisor.Platform.Upgrades;

namespace Wemixvisor.Status;

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

    /// <summary>The binary checked as the upgrade preflight checks it.</summary>
    internal static BinaryReport CheckBinary(HomeLayout layout, UpgradeName name)
    {
        var binary = layout.UpgradeBinary(name);
        try
        {
            return new BinaryReport(binary, ExecutableCheck.UpgradeBinary(layout, name));
        }
        catch (IOException e)
        {
            return new BinaryReport(binary, e.Message);
        }
    }
}
