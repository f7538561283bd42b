using System.Reflection;
using Cocona;
using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Cli;

/// <summary>
/// The flag of every setting (<c>--home</c>, <c>--poll-interval</c>, …), shared by every command that needs
/// the options: add a <c>SettingFlags settings</c> parameter to the command method and pass it to
/// <see cref="OptionsResolver.Resolve"/>. All flags are optional text, validated with the environment and
/// config file, so <c>--restart-after-upgrade false</c> and <c>--restart-after-upgrade=false</c> both work.
/// </summary>
public sealed record SettingFlags(
    [Option("home", Description = SettingHelp.Home, ValueName = "path")] string? Home = null,
    [Option("name", Description = SettingHelp.Name, ValueName = "name")] string? Name = null,
    [Option("data-dir", Description = SettingHelp.DataDir, ValueName = "path")] string? DataDir = null,
    [Option("poll-interval", Description = SettingHelp.PollInterval, ValueName = "duration")] string? PollInterval = null,
    [Option("shutdown-grace", Description = SettingHelp.ShutdownGrace, ValueName = "duration")] string? ShutdownGrace = null,
    [Option("restart-after-upgrade", Description = SettingHelp.RestartAfterUpgrade, ValueName = "true|false")] string? RestartAfterUpgrade = null,
    [Option("restart-delay", Description = SettingHelp.RestartDelay, ValueName = "duration")] string? RestartDelay = null,
    [Option("restart-on-failure", Description = SettingHelp.RestartOnFailure, ValueName = "true|false")] string? RestartOnFailure = null,
    [Option("max-restarts", Description = SettingHelp.MaxRestarts, ValueName = "count")] string? MaxRestarts = null,
    [Option("restart-backoff", Description = SettingHelp.RestartBackoff, ValueName = "duration")] string? RestartBackoff = null,
    [Option("unsafe-skip-backup", Description = SettingHelp.UnsafeSkipBackup, ValueName = "true|false")] string? UnsafeSkipBackup = null,
    [Option("backup-dir", Description = SettingHelp.BackupDir, ValueName = "path")] string? BackupDir = null,
    [Option("backup-keep", Description = SettingHelp.BackupKeep, ValueName = "count")] string? BackupKeep = null,
    [Option("preupgrade-max-retries", Description = SettingHelp.PreUpgradeMaxRetries, ValueName = "count")] string? PreUpgradeMaxRetries = null,
    [Option("preupgrade-timeout", Description = SettingHelp.PreUpgradeTimeout, ValueName = "duration")] string? PreUpgradeTimeout = null,
    [Option("preupgrade-binary", Description = SettingHelp.PreUpgradeBinary, ValueName = "true|false")] string? PreUpgradeBinary = null,
    [Option("custom-preupgrade", Description = SettingHelp.CustomPreUpgrade, ValueName = "path")] string? CustomPreUpgrade = null,
    [Option("log-format", Description = SettingHelp.LogFormat, ValueName = "text|json")] string? LogFormat = null,
    [Option("log-level", Description = SettingHelp.LogLevel, ValueName = "level")] string? LogLevel = null,
    [Option("disable-logs", Description = SettingHelp.DisableLogs, ValueName = "true|false")] string? DisableLogs = null,
    [Option("config", Description = SettingHelp.Config, ValueName = "path")] string? Config = null)
    : ICommandParameterSet
{
    private static readonly (string Flag, PropertyInfo Property)[] Members =
        typeof(SettingFlags).GetConstructors().Single().GetParameters()
            .Select(parameter => (
                parameter.GetCustomAttribute<OptionAttribute>()!.Name!,
                typeof(SettingFlags).GetProperty(parameter.Name!)!))
            .ToArray();

    /// <summary>The flags that were given, by flag name without dashes, as the configuration loader takes them.</summary>
    public IReadOnlyDictionary<string, string> Given() =>
        Members
            .Select(member => (member.Flag, Value: (string?)member.Property.GetValue(this)))
            .Where(member => member.Value is not null)
            .ToDictionary(member => member.Flag, member => member.Value!, StringComparer.Ordinal);
}
