namespace Wemixvisor.Core.Configuration;

/// <summary>
/// The catalogue: every setting, defined once, in the order the <c>config</c> command and the help show them.
/// A new setting is one <see cref="Define{T}"/> here and a property of <see cref="WemixvisorOptions"/> to read it.
/// </summary>
public static class Settings
{
    // Static fields initialise in textual order: the list comes first, and a setting may derive from those above it.
    private static readonly List<Setting> Catalogue = [];

    public static readonly Setting<string> Home = Define("DAEMON_HOME", "home", SettingTypes.AbsolutePath, SettingDefault.Required,
        "node home directory, absolute; wemixvisor's files live in <home>/wemixvisor");
    public static readonly Setting<string> Name = Define("DAEMON_NAME", "name", SettingTypes.FileName, SettingDefault.Required,
        "node binary name, a plain file name");
    public static readonly Setting<string> DataDir = Define("DAEMON_DATA_DIR", "data-dir", SettingTypes.AbsolutePath,
        SettingDefault.From(Home, home => Path.Combine(home, "data"), "$DAEMON_HOME/data"),
        "node data directory, absolute; upgrade-info.json is read here");
    public static readonly Setting<TimeSpan> PollInterval = Define("DAEMON_POLL_INTERVAL", "poll-interval", SettingTypes.PositiveDuration, "300ms",
        "how often the upgrade trigger is checked, > 0");
    public static readonly Setting<TimeSpan> ShutdownGrace = Define("DAEMON_SHUTDOWN_GRACE", "shutdown-grace", SettingTypes.Duration, "60s",
        "time between SIGTERM and escalation when stopping the node; 0s kills at once");
    public static readonly Setting<bool> RestartAfterUpgrade = Define("DAEMON_RESTART_AFTER_UPGRADE", "restart-after-upgrade", SettingTypes.Boolean, "true",
        "restart the node after switching to an upgrade; false exits 0 instead");
    public static readonly Setting<TimeSpan> RestartDelay = Define("DAEMON_RESTART_DELAY", "restart-delay", SettingTypes.Duration, "0s",
        "pause after the node stopped, before the upgrade steps");
    public static readonly Setting<bool> RestartOnFailure = Define("DAEMON_RESTART_ON_FAILURE", "restart-on-failure", SettingTypes.Boolean, "true",
        "restart a node that exits with a non-zero code");
    public static readonly Setting<int> MaxRestarts = Define("DAEMON_MAX_RESTARTS", "max-restarts", SettingTypes.Count(minimum: 0), "10",
        "restarts of a failing node in a row before giving up; 0 never gives up");
    public static readonly Setting<TimeSpan> RestartBackoff = Define("DAEMON_RESTART_BACKOFF", "restart-backoff", SettingTypes.PositiveDuration, "1s",
        "first restart delay, doubled each time up to 1m, > 0");
    public static readonly Setting<bool> UnsafeSkipBackup = Define("UNSAFE_SKIP_BACKUP", "unsafe-skip-backup", SettingTypes.Boolean, "false",
        "skip the data backup before an upgrade");
    public static readonly Setting<string> BackupDir = Define("DAEMON_DATA_BACKUP_DIR", "backup-dir", SettingTypes.AbsolutePath,
        SettingDefault.From(Home, home => Path.Combine(home, "backups"), "$DAEMON_HOME/backups"),
        "where data backups are written, absolute");
    public static readonly Setting<int> BackupKeep = Define("DAEMON_BACKUP_KEEP", "backup-keep", SettingTypes.Count(minimum: 1), "3",
        "newest backups kept after a successful upgrade, >= 1");
    public static readonly Setting<int> PreUpgradeMaxRetries = Define("DAEMON_PREUPGRADE_MAX_RETRIES", "preupgrade-max-retries", SettingTypes.Count(minimum: 0), "0",
        "retries of a pre-upgrade run that exits with 31");
    public static readonly Setting<TimeSpan> PreUpgradeTimeout = Define("DAEMON_PREUPGRADE_TIMEOUT", "preupgrade-timeout", SettingTypes.PositiveDuration, "5m",
        "time limit of each pre-upgrade hook run, > 0");
    public static readonly Setting<bool> PreUpgradeBinary = Define("WEMIXVISOR_PREUPGRADE_BINARY", "preupgrade-binary", SettingTypes.Boolean, "false",
        "run '<new binary> pre-upgrade' before switching, for Cosmos SDK nodes");
    public static readonly Setting<string?> CustomPreUpgrade = Define("WEMIXVISOR_CUSTOM_PREUPGRADE", "custom-preupgrade", SettingTypes.ScriptPath(Home, "wemixvisor"), SettingDefault.None,
        "custom pre-upgrade script, relative to <home>/wemixvisor or absolute", alias: "COSMOVISOR_CUSTOM_PREUPGRADE");
    public static readonly Setting<LogFormat> LogFormat = Define("WEMIXVISOR_LOG_FORMAT", "log-format", SettingTypes.Choice<LogFormat>(), "text",
        "console log format: text or json");
    public static readonly Setting<LogLevelSetting> LogLevel = Define("WEMIXVISOR_LOG_LEVEL", "log-level", SettingTypes.Choice<LogLevelSetting>("level"), "info",
        "lowest log level: trace, debug, info, warn or error");
    public static readonly Setting<bool> DisableLogs = Define("WEMIXVISOR_DISABLE_LOGS", "disable-logs", SettingTypes.Boolean, "false",
        "silence wemixvisor's own log lines", alias: "COSMOVISOR_DISABLE_LOGS");
    public static readonly Setting<string?> NodeRpc = Define("WEMIXVISOR_NODE_RPC", "node-rpc", SettingTypes.RpcEndpoint,
        SettingDefault.None, "the node's JSON-RPC for height-scheduled upgrades: an absolute IPC socket path or an http(s) URL; default $DAEMON_DATA_DIR/$DAEMON_NAME.ipc when it exists");
    public static readonly Setting<TimeSpan> RpcTimeout = Define("WEMIXVISOR_RPC_TIMEOUT", "rpc-timeout", SettingTypes.PositiveDuration, "2s",
        "time limit of each call to the node's RPC, > 0");
    public static readonly Setting<TimeSpan> HeightPoll = Define("WEMIXVISOR_HEIGHT_POLL", "height-poll", SettingTypes.PositiveDuration, "1s",
        "how often the chain head is read while a height-scheduled upgrade is pending, > 0");
    public static readonly Setting<int> SwitchMargin = Define("WEMIXVISOR_SWITCH_MARGIN", "switch-margin", SettingTypes.Count(minimum: 0), "20",
        "blocks before the upgrade height at which the last validator switches");
    public static readonly Setting<int> StaggerBlocks = Define("WEMIXVISOR_STAGGER_BLOCKS", "stagger-blocks", SettingTypes.Count(minimum: 0), "10",
        "blocks between the switch points of two validators");
    public static readonly Setting<TimeSpan> StallTimeout = Define("WEMIXVISOR_STALL_TIMEOUT", "stall-timeout", SettingTypes.PositiveDuration, "30s",
        "a chain head stuck this long one block before the switch point switches at once, > 0");
    public static readonly Setting<TimeSpan> ReadyTimeout = Define("WEMIXVISOR_READY_TIMEOUT", "ready-timeout", SettingTypes.PositiveDuration, "2m",
        "how long a new binary has to show it works before it is rolled back (before the upgrade height), > 0");
    public static readonly Setting<string?> MetricsAddr = Define("WEMIXVISOR_METRICS_ADDR", "metrics-addr", SettingTypes.ListenAddress, SettingDefault.None,
        "host:port of the /metrics, /healthz and /readyz endpoints, e.g. 127.0.0.1:9650; none serves nothing");
    public static readonly Setting<bool> MetricsAllowRemote = Define("WEMIXVISOR_METRICS_ALLOW_REMOTE", "metrics-allow-remote", SettingTypes.Boolean, "false",
        "allow a metrics address that is not a loopback address");
    public static readonly Setting<string?> WebhookUrl = Define("WEMIXVISOR_WEBHOOK_URL", "webhook-url", SettingTypes.UrlList, SettingDefault.None,
        "http(s) URLs, comma-separated, that receive a JSON POST on upgrade and crash-loop events");
    public static readonly Setting<bool> AllowDownloadBinaries = Define("DAEMON_ALLOW_DOWNLOAD_BINARIES", "allow-download-binaries", SettingTypes.Boolean, "false",
        "download a missing upgrade binary from the URL in the upgrade plan or schedule, while the node still runs");
    public static readonly Setting<bool> DownloadMustHaveChecksum = Define("DAEMON_DOWNLOAD_MUST_HAVE_CHECKSUM", "download-must-have-checksum", SettingTypes.Boolean, "true",
        "refuse a download URL that comes without a sha256 or sha512 checksum");
    public static readonly Setting<bool> AllowInsecureDownload = Define("WEMIXVISOR_ALLOW_INSECURE_DOWNLOAD", "allow-insecure-download", SettingTypes.Boolean, "false",
        "allow http:// download URLs on other hosts than 127.0.0.0/8 (https only otherwise)");
    public static readonly Setting<long> DownloadMaxSize = Define("WEMIXVISOR_DOWNLOAD_MAX_SIZE", "download-max-size", SettingTypes.ByteSize, "2GiB",
        "largest download, and largest total unpacked from an archive (bytes, or with KiB, MiB, GiB, …), > 0");

    /// <summary>Read before every other setting, from flags and the environment only; its value is the file that was read.</summary>
    public static readonly Setting<string?> Config = Define("WEMIXVISOR_CONFIG", "config", SettingTypes.PathFromWorkingDirectory,
        SettingDefault.From(Home, string? (home) => Path.Combine(home, "wemixvisor", "config.toml"), "$DAEMON_HOME/wemixvisor/config.toml if it exists"),
        "TOML config file", allowedInFile: false);

    public static IReadOnlyList<Setting> All { get; } = Catalogue.AsReadOnly();

    /// <summary>Every fixed default, and null for the settings that default to none; what options built in code start from.</summary>
    /// <exception cref="InvalidOperationException">A fixed default is not a valid value of its setting.</exception>
    public static SettingValues Defaults => _defaults ??= Catalogue.Aggregate(SettingValues.Empty, (values, setting) => setting.WithConstantDefault(values));

    private static SettingValues? _defaults;

    private static Setting<T> Define<T>(
        string variable, string flag, SettingType<T> type, SettingDefault<T> fallback, string description, string? alias = null, bool allowedInFile = true)
    {
        var setting = new Setting<T>(variable, flag, type, fallback, description) { Alias = alias, AllowedInFile = allowedInFile };
        Catalogue.Add(setting);
        return setting;
    }
}
