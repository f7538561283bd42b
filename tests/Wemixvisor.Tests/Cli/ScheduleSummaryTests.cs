using Wemixvisor.Cli;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Status;

namespace Wemixvisor.Tests.Cli;

public sealed class ScheduleSummaryTests
{
    private const string File = "/var/lib/gstable/wemixvisor/schedule.json";

    private static ScheduleEntryReport Entry(string name, long height, ScheduleStatus status, string? reason = null, string? binaryProblem = null) =>
        new(new ScheduledUpgrade(UpgradeName.Parse(name), height, status, reason, null), new BinaryReport($"/upgrades/{name}/bin/gstable", binaryProblem));

    private static ScheduleOverview Of(params ScheduleEntryReport[] entries) =>
        new(File, new ScheduleReport(File, AppliedUpgrade.Genesis, entries), null, null);

    [Fact]
    public void Summary_EachResult_OneLineAnEntry()
    {
        var overview = Of(
            Entry("v2", 1000, ScheduleStatus.Applied),
            Entry("v3", 1500, ScheduleStatus.RolledBack, "not ready within 2m0s: the head stayed at 1480"),
            Entry("v4", 1700, ScheduleStatus.Failed, "the switch failed: disk full"),
            Entry("v5", 2000, ScheduleStatus.Pending),
            Entry("v6", 3000, ScheduleStatus.Pending, binaryProblem: "/upgrades/v6/bin/gstable does not exist"));

        Assert.Equal(
            [
                "v2 at height 1000: applied",
                "v3 at height 1500: rolled back: not ready within 2m0s: the head stayed at 1480",
                "v4 at height 1700: failed: the switch failed: disk full",
                "v5 at height 2000: pending, binary in place",
                "v6 at height 3000: pending, binary NOT in place: /upgrades/v6/bin/gstable does not exist",
            ],
            ScheduleView.Summary(overview));
    }

    [Fact]
    public void Summary_Empty_NoUpgradesScheduled() =>
        Assert.Equal(["no upgrades scheduled"], ScheduleView.Summary(Of()));

    [Fact]
    public void Summary_Unusable_TheProblem_JsonNamesIt()
    {
        var overview = new ScheduleOverview(File, null, null, $"the schedule file {File} is unusable: not JSON");

        Assert.Equal([$"the schedule file {File} is unusable: not JSON"], ScheduleView.Summary(overview));
        var json = ScheduleView.Json(overview);
        Assert.Equal((File, overview.Problem), (json["schedule_file"]!.GetValue<string>(), json["problem"]!.GetValue<string>()));
        Assert.Empty(json["upgrades"]!.AsArray());
    }

    [Fact]
    public void LabelledLines_ContinuationLinesAlignedUnderTheValue()
    {
        var lines = LabelledLines.Format([("schedule", "v2 at height 1000: applied"), ("", "v3 at height 1500: pending, binary in place"), ("chain head", "7")], gap: 2);

        Assert.Equal(
            [
                "schedule:    v2 at height 1000: applied",
                "             v3 at height 1500: pending, binary in place",
                "chain head:  7",
            ],
            lines);
    }
}
