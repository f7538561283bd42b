using System.Text.Json.Nodes;
using Cocona;
using Cocona.Application;
using Wemixvisor.Cli;
using Wemixvisor.Core;

namespace Wemixvisor.Commands;

public sealed class VersionCommand(ICoconaConsoleProvider console)
{
    [Command("version", Description = "Print wemixvisor's version, build commit and .NET runtime. Never starts the node.")]
    public int Version(
        [Option("output", Description = OutputFormats.Description, ValueName = "text|json")] string output = "text")
    {
        var format = OutputFormats.Parse(output);
        var info = BuildInfo.Current;
        if (format == OutputFormat.Json)
        {
            var json = new JsonObject
            {
                ["wemixvisor_version"] = info.Version,
                ["commit"] = info.Commit,
                ["runtime"] = info.Runtime,
                ["platform"] = info.Platform,
            };
            OutputFormats.WriteJson(console.Output, json);
        }
        else
        {
            console.Output.WriteLine($"wemixvisor {info.Version}");
            console.Output.WriteLine($"commit:  {info.Commit ?? "unknown"}");
            console.Output.WriteLine($"runtime: {info.Runtime} ({info.Platform})");
        }
        return ExitCodes.Success;
    }
}
