using System.Globalization;
using System.Text.Json.Nodes;
using Wemixvisor.Core.Chain;
using Wemixvisor.Status;

namespace Wemixvisor.Cli;

/// <summary>How <c>status</c> and <c>show-upgrade-info</c> print a <see cref="ChainStatus"/>: labelled lines or a JSON object.</summary>
internal static class ChainStatusView
{
    /// <summary>The chain head, then, when an upgrade is scheduled, its slot, switch block, blocks left and ETA from <paramref name="now"/>.</summary>
    public static IReadOnlyList<(string Label, string Value)> Lines(ChainStatus chain, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var lines = new List<(string, string)> { ("chain head", HeadText(chain)) };
        if (chain.Next is not { } next)
        {
            return lines;
        }
        lines.Add(("next scheduled", Invariant($"{next.Upgrade.Name} at height {next.Upgrade.Height}")));
        if (next.Plan is not { } plan || next.Policy is not { } policy || next.BlocksLeft is not { } left)
        {
            lines.Add(("switch block", $"unknown: {next.Problem}"));
            return lines;
        }
        lines.Add(("validator slot", plan.Slot.Description));
        lines.Add(("switch block", Invariant(
            $"{plan.SwitchPoint} (height {plan.UpgradeHeight} - margin {policy.SwitchMargin} - slot {plan.Slot.Slot} × stagger {policy.StaggerBlocks})")));
        lines.Add(("blocks left", left == 0
            ? Invariant($"0 (the head {next.Head} has reached the switch block)")
            : Invariant($"{left} (head {next.Head})")));
        lines.Add(("ETA", next is { Eta: { } eta, Pace: { } pace }
            ? $"{Quantities.Duration(eta)}{About(now, eta)}: {BlockTime(pace)} per block over the last {Invariant($"{pace.Blocks}")} blocks"
            : $"unknown: {next.Problem}"));
        return lines;
    }

    public static JsonObject Json(ChainStatus chain, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return new JsonObject
        {
            ["endpoint"] = chain.Endpoint,
            ["method"] = ChainStatus.HeadMethod,
            ["head"] = chain.Head,
            ["problem"] = chain.Problem,
            ["next"] = chain.Next is { } next ? Json(next, now) : null,
        };
    }

    private static JsonObject Json(NextSwitch next, DateTimeOffset now) => new()
    {
        ["name"] = next.Upgrade.Name.Value,
        ["height"] = next.Upgrade.Height,
        ["slot"] = next.Plan?.Slot is { } slot
            ? new JsonObject { ["slot"] = slot.Slot, ["index"] = slot.Index, ["count"] = slot.Count, ["description"] = slot.Description }
            : null,
        ["switch_margin"] = next.Policy?.SwitchMargin,
        ["stagger_blocks"] = next.Policy?.StaggerBlocks,
        ["switch_block"] = next.Plan?.SwitchPoint,
        ["blocks_left"] = next.BlocksLeft,
        ["block_time_seconds"] = next.Pace is { } pace ? Math.Round(pace.PerBlock.TotalSeconds, 3) : null,
        ["block_time_over_blocks"] = next.Pace?.Blocks,
        ["eta_seconds"] = next.Eta is { } eta ? (long)Math.Round(eta.TotalSeconds) : null,
        ["eta_at"] = next.Eta is { } at && Reachable(now, at) ? now + at : null,
        ["problem"] = next.Problem,
    };

    private static string HeadText(ChainStatus chain) => chain switch
    {
        { Head: { } head, Endpoint: var endpoint } => Invariant($"{head} ({ChainStatus.HeadMethod} over {endpoint})"),
        { Endpoint: { } endpoint } => $"unknown: {ChainStatus.HeadMethod} over {endpoint} failed: {chain.Problem}",
        _ => $"unknown: {chain.Problem}",
    };

    private static string About(DateTimeOffset now, TimeSpan eta) => Reachable(now, eta) ? $" (about {Quantities.Time(now + eta)})" : "";

    private static bool Reachable(DateTimeOffset now, TimeSpan eta) => eta < DateTimeOffset.MaxValue - now;

    /// <summary>Seconds with up to two decimals: <c>1 s</c>, <c>0.5 s</c>, <c>12.35 s</c>.</summary>
    private static string BlockTime(BlockPace pace) =>
        pace.PerBlock.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
