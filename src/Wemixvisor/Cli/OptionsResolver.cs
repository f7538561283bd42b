using Cocona;
using Cocona.Application;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Logging;

namespace Wemixvisor.Cli;

/// <summary>
/// Gives a command its options: merges the flags with the environment and the config file, validates them,
/// and applies the logging settings. On any problem it writes every problem to stderr and ends the command
/// with exit code 2.
/// </summary>
public sealed class OptionsResolver(IProcessEnvironment environment, ICoconaConsoleProvider console, ILogger<OptionsResolver> logger)
{
    /// <exception cref="CommandExitedException">The configuration is invalid (exit code 2); the problems were written to stderr.</exception>
    public LoadedConfiguration Resolve(SettingFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var result = ConfigurationLoader.Load(new ConfigurationInput
        {
            Flags = flags.Given(),
            Environment = environment.Variables,
            ReadFile = File.ReadAllText,
            WorkingDirectory = environment.WorkingDirectory,
        });
        if (result.Loaded is not { } loaded)
        {
            foreach (var problem in result.Problems)
            {
                console.Error.WriteLine(CliErrors.Prefix + problem.Message);
            }
            throw new CommandExitedException(ExitCodes.InvalidConfiguration);
        }
        LoggingSetup.Apply(loaded.Options);
        CliLog.ConfigurationLoaded(logger, loaded.Options.Name, loaded.Options.Home, loaded.Options.ConfigFile ?? "none");
        foreach (var notice in loaded.Notices)
        {
            CliLog.SettingIgnored(logger, notice);
        }
        return loaded;
    }
}
