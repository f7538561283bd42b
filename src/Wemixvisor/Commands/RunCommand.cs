using Cocona;
using Cocona.Application;
using Microsoft.Extensions.Logging;
using Wemixvisor.Cli;
using Wemixvisor.Core.Layout;

namespace Wemixvisor.Commands;

public sealed class RunCommand(
    OptionsResolver resolver,
    NodeArguments nodeArguments,
    ISupervisorHost supervisor,
    ICoconaAppContextAccessor context,
    ILogger<RunCommand> logger)
{
    [Command("run", Description = "Start the node current/bin/$DAEMON_NAME, supervise it and apply its upgrades. Usage: wemixvisor run [OPTIONS] -- [NODE ARGS]. Options before '--' are wemixvisor's; without '--' every argument after 'run' goes to the node unchanged (so 'run start --home /x' passes 'start --home /x'); only 'run --help' shows this help.")]
    public async Task<int> Run(SettingFlags settings)
    {
        var options = resolver.Resolve(settings).Options;
        var layout = HomeLayout.From(options);
        if (!Directory.Exists(options.Home))
        {
            throw CliErrors.InvalidUsage($"DAEMON_HOME {options.Home} does not exist or is not a directory");
        }
        var link = new FileInfo(layout.Current).LinkTarget;
        if (link is null && !Directory.Exists(layout.Current))
        {
            throw CliErrors.InvalidUsage($"{layout.Current} does not exist: run `wemixvisor init <path-to-binary>` first");
        }
        if (!Directory.Exists(layout.Current))
        {
            throw CliErrors.InvalidUsage($"{layout.Current} points to {link}, which does not exist");
        }
        CliLog.RunStarting(logger, BuildInfo.Current.Version, options.Name, options.Home, nodeArguments.Values.Count);
        var cancellation = context.Current?.CancellationToken ?? CancellationToken.None;
        return await supervisor.RunAsync(options, nodeArguments.Values, cancellation);
    }
}
