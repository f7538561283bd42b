namespace Wemixvisor.Core.Configuration;

/// <summary>The one-line description of every setting; also used by the command-line help.</summary>
public static class SettingHelp
{
    public const string Home = "node home directory, absolute (DAEMON_HOME); wemixvisor's files live in <home>/wemixvisor";
    public const string Name = "node binary name, a plain file name (DAEMON_NAME)";
    public const string DataDir = "node data directory, absolute; upgrade-info.json is read here (DAEMON_DATA_DIR, default <home>/data)";
    public const string PollInterval = "how often the upgrade trigger is checked, > 0 (DAEMON_POLL_INTERVAL, default 300ms)";
    public const string ShutdownGrace = "time between SIGTERM and escalation when stopping the node; 0s kills at once (DAEMON_SHUTDOWN_GRACE, default 60s)";
    public const string RestartAfterUpgrade = "restart the node after switching to an upgrade; false exits 0 instead (DAEMON_RESTART_AFTER_UPGRADE, default true)";
    public const string RestartDelay = "pause after the node stopped, before the upgrade steps (DAEMON_RESTART_DELAY, default 0s)";
    public const string RestartOnFailure = "restart a node that exits with a non-zero code (DAEMON_RESTART_ON_FAILURE, default true)";
    public const string MaxRestarts = "restarts of a failing node in a row before giving up; 0 never gives up (DAEMON_MAX_RESTARTS, default 10)";
    public const string RestartBackoff = "first restart delay, doubled each time up to 1m, > 0 (DAEMON_RESTART_BACKOFF, default 1s)";
    public const string UnsafeSkipBackup = "skip the data backup before an upgrade (UNSAFE_SKIP_BACKUP, default false)";
    public const string BackupDir = "where data backups are written, absolute (DAEMON_DATA_BACKUP_DIR, default <home>/backups)";
    public const string BackupKeep = "newest backups kept after a successful upgrade, >= 1 (DAEMON_BACKUP_KEEP, default 3)";
    public const string PreUpgradeMaxRetries = "retries of a pre-upgrade run that exits with 31 (DAEMON_PREUPGRADE_MAX_RETRIES, default 0)";
    public const string PreUpgradeTimeout = "time limit of each pre-upgrade hook run, > 0 (DAEMON_PREUPGRADE_TIMEOUT, default 5m)";
    public const string PreUpgradeBinary = "run '<new binary> pre-upgrade' before switching, for Cosmos SDK nodes (WEMIXVISOR_PREUPGRADE_BINARY, default false)";
    public const string CustomPreUpgrade = "custom pre-upgrade script, relative to <home>/wemixvisor or absolute (WEMIXVISOR_CUSTOM_PREUPGRADE)";
    public const string LogFormat = "console log format: text or json (WEMIXVISOR_LOG_FORMAT, default text)";
    public const string LogLevel = "lowest log level: trace, debug, info, warn or error (WEMIXVISOR_LOG_LEVEL, default info)";
    public const string DisableLogs = "silence wemixvisor's own log lines (WEMIXVISOR_DISABLE_LOGS, default false)";
    public const string Config = "TOML config file (WEMIXVISOR_CONFIG, default <home>/wemixvisor/config.toml when it exists)";
}
