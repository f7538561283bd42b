namespace Wemixvisor.Core.Configuration;

/// <summary>Every setting wemixvisor runs with, resolved from flags, environment, config file and defaults.</summary>
public sealed record WemixvisorOptions
{
    public required string Home { get; init; }
    public required string Name { get; init; }
    public required string DataDir { get; init; }
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(300);
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(60);
    public bool RestartAfterUpgrade { get; init; } = true;
    public TimeSpan RestartDelay { get; init; } = TimeSpan.Zero;
    public bool RestartOnFailure { get; init; } = true;
    public int MaxRestarts { get; init; } = 10;
    public TimeSpan RestartBackoff { get; init; } = TimeSpan.FromSeconds(1);
    public bool UnsafeSkipBackup { get; init; }
    public required string BackupDir { get; init; }
    public int BackupKeep { get; init; } = 3;
    public int PreUpgradeMaxRetries { get; init; }
    public TimeSpan PreUpgradeTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public bool PreUpgradeBinary { get; init; }
    /// <summary>Absolute path of the custom pre-upgrade script, or null when none is configured.</summary>
    public string? CustomPreUpgrade { get; init; }
    public LogFormat LogFormat { get; init; } = LogFormat.Text;
    public LogLevelSetting LogLevel { get; init; } = LogLevelSetting.Info;
    public bool DisableLogs { get; init; }
    /// <summary>The config file that was read, or null when none was.</summary>
    public string? ConfigFile { get; init; }
}

public enum LogFormat { Text, Json }

public enum LogLevelSetting { Trace, Debug, Info, Warn, Error }
