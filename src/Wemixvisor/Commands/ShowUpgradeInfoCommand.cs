using System.Runtime.Versioning;
using Cocona;
using Cocona.Application;
using Wemixvisor.Cli;
using Wemixvisor.Core;
using Wemixvisor.Core.Layout;
using Wemixvisor.Status;

namespace Wemixvisor.Commands;

[SupportedOSPlatform("linux")]
public sealed class ShowUpgradeInfoCommand(OptionsResolver resolver, ICoconaConsoleProvider console)
{
    [Command("show-upgrade-info", Description = "Show the upgrade in $DAEMON_DATA_DIR/upgrade-info.json and its state, judged as 'run' judges it: pending (newer than the applied upgrade in current/upgrade-info.json), applied, outdated (not above the applied height), invalid or incomplete (with the reason), or 'no upgrade pending'; and whether its binary upgrades/<name>/bin/$DAEMON_NAME is in place; then the schedule of height-scheduled upgrades with the last result of each, the chain head read over the node's RPC (or why it could not be read) and, for the next scheduled upgrade, the validator slot, the switch block, the blocks left and an ETA. Exits 0 in all these cases, also when the node's RPC does not answer, 2 on an invalid configuration.")]
    public async Task<int> ShowUpgradeInfo(
        SettingFlags settings,
        [Option("output", Description = OutputFormats.Description, ValueName = "text|json")] string output = "text")
    {
        var format = OutputFormats.Parse(output);
        var options = resolver.Resolve(settings).Options;
        var layout = HomeLayout.From(options);
        var report = UpgradeReport.Read(layout);
        var schedule = ScheduleOverview.Read(layout);
        var chain = await ChainStatus.ReadAsync(options, schedule.Next, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        if (format == OutputFormat.Json)
        {
            var json = UpgradeReportView.Json(report);
            json["schedule"] = ScheduleView.Json(schedule);
            json["chain"] = ChainStatusView.Json(chain, now);
            OutputFormats.WriteJson(console.Output, json);
            return ExitCodes.Success;
        }
        List<(string Label, string Value)> lines =
        [
            .. UpgradeReportView.Lines(report),
            .. ScheduleView.Summary(schedule).Select((line, index) => (index == 0 ? "schedule" : "", line)),
            .. ChainStatusView.Lines(chain, now),
        ];
        foreach (var line in LabelledLines.Format(lines, gap: 1))
        {
            console.Output.WriteLine(line);
        }
        return ExitCodes.Success;
    }
}
