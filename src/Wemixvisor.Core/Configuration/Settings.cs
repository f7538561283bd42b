namespace Wemixvisor.Core.Configuration;

/// <summary>The catalogue of every setting, in the order the <c>config</c> command shows them.</summary>
public static class Settings
{
    public static readonly Setting Home = new("DAEMON_HOME", "home", "required", SettingHelp.Home);
    public static readonly Setting Name = new("DAEMON_NAME", "name", "required", SettingHelp.Name);
    public static readonly Setting DataDir = new("DAEMON_DATA_DIR", "data-dir", "$DAEMON_HOME/data", SettingHelp.DataDir);
    public static readonly Setting PollInterval = new("DAEMON_POLL_INTERVAL", "poll-interval", "300ms", SettingHelp.PollInterval);
    public static readonly Setting ShutdownGrace = new("DAEMON_SHUTDOWN_GRACE", "shutdown-grace", "60s", SettingHelp.ShutdownGrace);
    public static readonly Setting RestartAfterUpgrade = new("DAEMON_RESTART_AFTER_UPGRADE", "restart-after-upgrade", "true", SettingHelp.RestartAfterUpgrade);
    public static readonly Setting RestartDelay = new("DAEMON_RESTART_DELAY", "restart-delay", "0s", SettingHelp.RestartDelay);
    public static readonly Setting RestartOnFailure = new("DAEMON_RESTART_ON_FAILURE", "restart-on-failure", "true", SettingHelp.RestartOnFailure);
    public static readonly Setting MaxRestarts = new("DAEMON_MAX_RESTARTS", "max-restarts", "10", SettingHelp.MaxRestarts);
    public static readonly Setting RestartBackoff = new("DAEMON_RESTART_BACKOFF", "restart-backoff", "1s", SettingHelp.RestartBackoff);
    public static readonly Setting UnsafeSkipBackup = new("UNSAFE_SKIP_BACKUP", "unsafe-skip-backup", "false", SettingHelp.UnsafeSkipBackup);
    public static readonly Setting BackupDir = new("DAEMON_DATA_BACKUP_DIR", "backup-dir", "$DAEMON_HOME/backups", SettingHelp.BackupDir);
    public static readonly Setting BackupKeep = new("DAEMON_BACKUP_KEEP", "backup-keep", "3", SettingHelp.BackupKeep);
    public static readonly Setting PreUpgradeMaxRetries = new("DAEMON_PREUPGRADE_MAX_RETRIES", "preupgrade-max-retries", "0", SettingHelp.PreUpgradeMaxRetries);
    public static readonly Setting PreUpgradeTimeout = new("DAEMON_PREUPGRADE_TIMEOUT", "preupgrade-timeout", "5m", SettingHelp.PreUpgradeTimeout);
    public static readonly Setting PreUpgradeBinary = new("WEMIXVISOR_PREUPGRADE_BINARY", "preupgrade-binary", "false", SettingHelp.PreUpgradeBinary);
    public static readonly Setting CustomPreUpgrade = new("WEMIXVISOR_CUSTOM_PREUPGRADE", "custom-preupgrade", "none", SettingHelp.CustomPreUpgrade)
    {
        Alias = "COSMOVISOR_CUSTOM_PREUPGRADE",
    };
    public static readonly Setting LogFormat = new("WEMIXVISOR_LOG_FORMAT", "log-format", "text", SettingHelp.LogFormat);
    public static readonly Setting LogLevel = new("WEMIXVISOR_LOG_LEVEL", "log-level", "info", SettingHelp.LogLevel);
    public static readonly Setting DisableLogs = new("WEMIXVISOR_DISABLE_LOGS", "disable-logs", "false", SettingHelp.DisableLogs)
    {
        Alias = "COSMOVISOR_DISABLE_LOGS",
    };
    public static readonly Setting Config = new("WEMIXVISOR_CONFIG", "config", "$DAEMON_HOME/wemixvisor/config.toml if it exists", SettingHelp.Config)
    {
        AllowedInFile = false,
    };

    public static IReadOnlyList<Setting> All { get; } =
    [
        Home, Name, DataDir, PollInterval, ShutdownGrace, RestartAfterUpgrade, RestartDelay, RestartOnFailure,
        MaxRestarts, RestartBackoff, UnsafeSkipBackup, BackupDir, BackupKeep, PreUpgradeMaxRetries,
        PreUpgradeTimeout, PreUpgradeBinary, CustomPreUpgrade, LogFormat, LogLevel, DisableLogs, Config,
    ];
}
