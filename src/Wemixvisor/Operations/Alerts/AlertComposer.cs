using System.Globalization;
using Wemixvisor.Core.Operations;
using Wemixvisor.Core.Upgrades;
using static Wemixvisor.Core.Operations.OperationsFact;

namespace Wemixvisor.Operations.Alerts;

/// <summary>Turns the facts an operator is paged for into <see cref="AlertMessage"/>s; the other facts make none.</summary>
internal sealed class AlertComposer(string host, string node, string version)
{
    public AlertMessage? Compose(OperationsFact fact) => fact switch
    {
        UpgradeDetected d => Upgrade("upgrade_detected", d.At, d.Upgrade, d.Current, d.Head,
            $"upgrade {d.Upgrade.Name} at height {Num(d.Upgrade.Height)} detected; running {d.Current}"),
        UpgradeStarted s => Upgrade("upgrade_started", s.At, s.Upgrade, s.Current, s.Head,
            $"upgrading {s.Current} to {s.Upgrade.Name} (height {Num(s.Upgrade.Height)})"),
        UpgradeApplied a => Upgrade("upgrade_applied", a.At, a.Upgrade, a.Previous, a.Head,
            $"upgraded {a.Previous} to {a.Upgrade.Name} (height {Num(a.Upgrade.Height)}){(a.Took is { } took ? $" in {took.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s" : "")}")
            with { DurationSeconds = a.Took?.TotalSeconds },
        UpgradeFailed f => Upgrade("upgrade_failed", f.At, f.Upgrade, f.Current, f.Head,
            $"upgrade to {f.Upgrade.Name} failed: {f.Reason}") with { Reason = f.Reason },
        UpgradeRolledBack r => Upgrade("upgrade_rolled_back", r.At, r.Upgrade, AppliedUpgrade.From(r.Upgrade), r.Head,
            $"upgrade {r.Upgrade.Name} rolled back to {r.To}: {r.Reason}") with { ToVersion = r.To.ToString(), Reason = r.Reason },
        CrashLoopGaveUp c => Message("crash_loop_given_up", c.At, c.Current,
            $"the node ({c.Current}) failed {Num(c.Restarts + 1)} times in a row; wemixvisor gave up and exits with code {Num(c.Code)}") with { Reason = c.Reason, ExitCode = c.Code },
        AbnormalExit x => Message("abnormal_exit", x.At, x.Current,
            $"wemixvisor exits with code {Num(x.Code)}: {x.Reason}") with { Reason = x.Reason, ExitCode = x.Code },
        _ => null,
    };

    private AlertMessage Upgrade(string name, DateTimeOffset at, UpgradeInfo upgrade, AppliedUpgrade from, long? head, string text) =>
        Message(name, at, from, text) with
        {
            Upgrade = upgrade.Name.ToString(),
            UpgradeHeight = upgrade.Height,
            ChainHead = head,
            ToVersion = AppliedUpgrade.From(upgrade).ToString(),
        };

    private AlertMessage Message(string name, DateTimeOffset at, AppliedUpgrade from, string text) => new()
    {
        Event = name,
        Text = $"wemixvisor on {host} ({node}): {text}",
        Host = host,
        Node = node,
        FromVersion = from.ToString(),
        At = at.ToUniversalTime(),
        WemixvisorVersion = version,
    };

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
