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
    [Command("show-upgrade-info", Description = "Show the upgrade in $DAEMON_DATA_DIR/upgrade-info.json and its state, judged as 'run' judges it: pending (newer than the applied upgrade in current/upgrade-info.json), applied, outdated (not above the applied height), invalid or incomplete (with the reason), or 'no upgrade pending'; and whether its binary upgrades/<name>/bin/$DAEMON_NAME is in place. Exits 0 in all these cases, 2 on an invalid configuration.")]
    public int ShowUpgradeInfo(
        SettingFlags settings,
        [Option("output", Description = OutputFormats.Description, ValueName = "text|json")] string output = "text")
    {
        var format = OutputFormats.Parse(output);
        var layout = HomeLayout.From(resolver.Resolve(settings).Options);
        var report = UpgradeReport.Read(layout);
        if (format == OutputFormat.Json)
        {
            OutputFormats.WriteJson(console.Output, UpgradeReportView.Json(report));
            return ExitCodes.Success;
        }
        var lines = UpgradeReportView.Lines(report);
        var width = lines.Max(line => line.Label.Length) + 2;
        foreach (var (label, value) in lines)
        {
            console.Output.WriteLine($"{(label + ":").PadRight(width)}{value}");
        }
        return ExitCodes.Success;
    }
}
