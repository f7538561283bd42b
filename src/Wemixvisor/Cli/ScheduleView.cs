using System.Globalization;
using System.Text.Json.Nodes;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Status;

namespace Wemixvisor.Cli;

/// <summary>
/// How <c>schedule list</c> prints a <see cref="ScheduleReport"/>: a table with the binary problems below it, or a JSON
/// object; and how <c>status</c> and <c>show-upgrade-info</c> summarise a <see cref="ScheduleOverview"/>, one line an entry.
/// </summary>
internal static class ScheduleView
{
    public static IReadOnlyList<string> Lines(ScheduleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string>
        {
            $"schedule file: {report.ScheduleFile}",
            $"applied:       {UpgradeReportView.Describe(report.Applied)}",
        };
        if (report.Entries.Count == 0)
        {
            lines.Add("no upgrades scheduled");
            return lines;
        }
        var rows = report.Entries.Select(entry => new[]
        {
            entry.Upgrade.Name.Value,
            entry.Upgrade.Height.ToString(CultureInfo.InvariantCulture),
            ScheduleStatuses.Text(entry.Upgrade.Status),
            entry.Binary.InPlace ? "in place" : "MISSING",
            entry.Upgrade.UpdatedAt is { } at ? Quantities.Time(at) : "-",
            entry.Upgrade.Reason ?? "-",
        }).Prepend(["NAME", "HEIGHT", "STATUS", "BINARY", "UPDATED", "REASON"]).ToList();
        var widths = Enumerable.Range(0, 5).Select(column => rows.Max(row => row[column].Length) + 2).ToArray();
        lines.Add("");
        lines.AddRange(rows.Select(row => string.Concat(row.Take(5).Select((cell, column) => cell.PadRight(widths[column]))) + row[5]));
        var problems = report.Entries.Where(entry => !entry.Binary.InPlace).ToList();
        if (problems.Count > 0)
        {
            lines.Add("");
            lines.AddRange(problems.Select(entry => $"{entry.Upgrade.Name}: {entry.Binary.Problem}"));
        }
        return lines;
    }

    public static JsonObject Json(ScheduleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["schedule_file"] = report.ScheduleFile,
            ["applied"] = UpgradeReportView.Json(report.Applied),
            ["upgrades"] = new JsonArray(report.Entries.Select(entry => (JsonNode)new JsonObject
            {
                ["name"] = entry.Upgrade.Name.Value,
                ["height"] = entry.Upgrade.Height,
                ["status"] = ScheduleStatuses.Text(entry.Upgrade.Status),
                ["reason"] = entry.Upgrade.Reason,
                ["updated_at"] = entry.Upgrade.UpdatedAt,
                ["binary"] = new JsonObject { ["path"] = entry.Binary.Path, ["in_place"] = entry.Binary.InPlace, ["problem"] = entry.Binary.Problem },
            }).ToArray()),
        };
    }

    /// <summary>One line an entry with the last result of each (<c>v2 at height 1000: rolled back: …</c>), or why there is none.</summary>
    public static IReadOnlyList<string> Summary(ScheduleOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        return overview switch
        {
            { Problem: { } problem } => [problem],
            { Report.Entries: { Count: > 0 } entries } => entries.Select(Summary).ToList(),
            _ => ["no upgrades scheduled"],
        };
    }

    /// <summary><see cref="Json(ScheduleReport)"/> with a <c>problem</c>, or the file and its problem when it is unusable.</summary>
    public static JsonObject Json(ScheduleOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var json = overview.Report is { } report
            ? Json(report)
            : new JsonObject { ["schedule_file"] = overview.ScheduleFile, ["upgrades"] = new JsonArray() };
        json["problem"] = overview.Problem;
        return json;
    }

    /// <summary>The last result of an entry: <c>pending</c>, <c>applied</c>, <c>failed: reason</c> or <c>rolled back: reason</c>.</summary>
    public static string Result(ScheduledUpgrade upgrade)
    {
        ArgumentNullException.ThrowIfNull(upgrade);
        return upgrade.Status switch
        {
            ScheduleStatus.Failed => $"failed: {upgrade.Reason}",
            ScheduleStatus.RolledBack => $"rolled back: {upgrade.Reason}",
            var status => ScheduleStatuses.Text(status),
        };
    }

    private static string Summary(ScheduleEntryReport entry) =>
        string.Create(CultureInfo.InvariantCulture, $"{entry.Upgrade.Name} at height {entry.Upgrade.Height}: {Result(entry.Upgrade)}")
        + (entry.Upgrade.Status == ScheduleStatus.Pending
            ? entry.Binary.InPlace ? ", binary in place" : $", binary NOT in place: {entry.Binary.Problem}"
            : "");
}
