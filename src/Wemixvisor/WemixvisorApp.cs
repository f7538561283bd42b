using Cocona;
using Cocona.Application;
using Cocona.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NLog.Extensions.Logging;
using Wemixvisor.Cli;
using Wemixvisor.Commands;
using Wemixvisor.Core;
using Wemixvisor.Hosting;

namespace Wemixvisor;

/// <summary>The composition root: builds the Cocona application, runs one command and returns its exit code.</summary>
public static class WemixvisorApp
{
    /// <summary>Every command class; a new command is one more entry here.</summary>
    public static IReadOnlyList<Type> CommandTypes { get; } =
    [
        typeof(InitCommand),
        typeof(RunCommand),
        typeof(ConfigCommand),
        typeof(VersionCommand),
        typeof(DemoCommand),
        typeof(AddUpgradeCommand),
        typeof(PrepareUpgradeCommand),
        typeof(ShowUpgradeInfoCommand),
        typeof(StatusCommand),
        typeof(BackupCommandGroup),
        typeof(ScheduleCommandGroup),
    ];

    /// <param name="configureServices">Registrations applied last, so they replace the defaults (tests use it for fakes).</param>
    public static async Task<int> RunAsync(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var (commandLine, nodeArguments) = RunArguments.Split(args);
        var builder = CreateBuilder(commandLine);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace); // NLog's rules decide.
        // `version` writes no log line and takes no settings: loading nlog.config would be a fifth of its
        // start-up time, building every command's setting flags about 5 ms more.
        if (commandLine is not ["version", ..])
        {
            builder.Logging.AddNLog();
            SettingFlagsCommandProvider.Register(builder.Services);
        }
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.Services.AddSingleton(nodeArguments);
        builder.Services.AddSingleton<IProcessEnvironment, ProcessEnvironment>();
        builder.Services.AddSingleton<OptionsResolver>();
        builder.Services.AddSingleton<CommandGate>();
        builder.Services.AddSingleton<ICoconaApplicationMetadataProvider, WemixvisorMetadata>();
        builder.Services.AddSingleton<SupervisorHost>();
        builder.Services.AddSingleton<ISupervisorHost>(services => services.GetRequiredService<SupervisorHost>());
        configureServices?.Invoke(builder.Services);

        using var app = builder.Build();
        var gate = app.Services.GetRequiredService<CommandGate>();
        app.UseFilter(gate.InvokeAsync);
        foreach (var type in CommandTypes)
        {
            app.AddCommands(type);
        }

        var catalog = new CommandCatalog(CommandTypes);
        if (commandLine.Length > 0 && catalog.ByName.TryGetValue(commandLine[0], out var commandType)
            && CommandCatalog.MissingServices(commandType, app.Services) is { Count: > 0 } missing)
        {
            var console = app.Services.GetRequiredService<ICoconaConsoleProvider>();
            await console.Error.WriteLineAsync(
                $"{CliErrors.Prefix}internal error: the '{commandLine[0]}' command cannot start: {string.Join(", ", missing.Select(t => t.Name))} is not registered");
            return ExitCodes.InternalError;
        }

        Environment.ExitCode = 0;
        await app.RunAsync();
        return gate.FinalExitCode(Environment.ExitCode, commandLine, catalog.ByName.Keys.ToHashSet(), catalog.GroupNames);
    }

    /// <summary>
    /// Creates the Cocona builder without the generic host's watch on <c>appsettings.json</c>: it is a recursive
    /// inotify watch of the working directory, which for a service started in <c>/</c> is the whole file system
    /// (tens of thousands of watches and a slow start). wemixvisor reads no appsettings file.
    /// </summary>
    private static CoconaAppBuilder CreateBuilder(string[] commandLine)
    {
        const string ReloadSwitch = "DOTNET_hostBuilder__reloadConfigOnChange";
        var previous = Environment.GetEnvironmentVariable(ReloadSwitch);
        Environment.SetEnvironmentVariable(ReloadSwitch, "false");
        try
        {
            return CoconaApp.CreateBuilder(commandLine, options =>
            {
                options.TreatPublicMethodsAsCommands = false;
                options.EnableShellCompletionSupport = false;
            });
        }
        finally
        {
            // The node inherits wemixvisor's environment: leave it as it was.
            Environment.SetEnvironmentVariable(ReloadSwitch, previous);
        }
    }
}
