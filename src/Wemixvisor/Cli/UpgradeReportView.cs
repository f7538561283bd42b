using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Status;

namespace Wemixvisor.Cli;

/// <summary>How <c>show-upgrade-info</c> and <c>status</c> print an <see cref="UpgradeReport"/>: labelled text lines or a JSON object.</summary>
internal static class UpgradeReportView
{
    public static IReadOnlyList<(string Label, string Value)> Lines(UpgradeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<(string, string)>
        {
            ("trigger file", report.TriggerFile),
            ("upgrade", report.Upgrade is { } upgrade ? Describe(upgrade) : "none"),
            ("state", StateLine(report)),
            ("applied", Describe(report.Applied)),
        };
        if (report.Binary is { } binary)
        {
            lines.Add(("binary", binary.InPlace ? $"in place: {binary.Path}" : $"NOT in place: {binary.Problem}"));
        }
        return lines;
    }

    /// <summary>One line for <c>status</c>: the upgrade, its state and whether its binary is in place.</summary>
    public static string Summary(UpgradeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report switch
        {
            { Upgrade: { } upgrade, State: TriggerState.Pending, Binary: { } binary } =>
                $"{Describe(upgrade)}, pending; " + (binary.InPlace ? $"binary in place: {binary.Path}" : $"binary NOT in place: {binary.Problem}"),
            { Upgrade: { } upgrade } => $"{Describe(upgrade)}, {StateLine(report)}",
            _ => StateLine(report),
        };
    }

    public static JsonObject Json(UpgradeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["trigger_file"] = report.TriggerFile,
            ["state"] = report.StateText,
            ["reason"] = report.Reason,
            ["upgrade"] = report.Upgrade is { } upgrade
                ? new JsonObject
                {
                    ["name"] = upgrade.Name.Value,
                    ["height"] = upgrade.Height,
                    ["time"] = upgrade.Time,
                    ["info"] = InfoNode(upgrade.Info),
                }
                : null,
            ["applied"] = Json(report.Applied),
            ["binary"] = report.Binary is { } binary
                ? new JsonObject { ["path"] = binary.Path, ["in_place"] = binary.InPlace, ["problem"] = binary.Problem }
                : null,
        };
    }

    public static JsonObject Json(AppliedUpgrade applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        return new JsonObject { ["name"] = applied.Name?.Value, ["height"] = applied.Height };
    }

    public static string Describe(AppliedUpgrade applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        return applied.Name is { } name
            ? string.Create(CultureInfo.InvariantCulture, $"{name} at height {applied.Height}")
            : "genesis";
    }

    private static string Describe(UpgradeInfo upgrade) =>
        string.Create(CultureInfo.InvariantCulture, $"{upgrade.Name} at height {upgrade.Height}") + (upgrade.Time is { } time ? $" (time {time})" : "");

    private static string StateLine(UpgradeReport report) => report.State switch
    {
        TriggerState.None => "no upgrade pending",
        TriggerState.Pending => "pending",
        TriggerState.Incomplete => $"incomplete: {report.Reason} (a file still being written is read again at the next look)",
        _ => $"{report.StateText}: {report.Reason}",
    };

    /// <summary>The <c>info</c> field as JSON (an object, or the string a Cosmos SDK node writes); null when there is none.</summary>
    private static JsonNode? InfoNode(string info)
    {
        if (info.Length == 0)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(info);
        }
        catch (JsonException)
        {
            return JsonValue.Create(info);
        }
    }
}
