using System.Diagnostics.CodeAnalysis;

namespace Wemixvisor.Core.Configuration;

/// <summary>
/// Every setting wemixvisor runs with: a typed view of the values the loader resolved, one property per
/// setting of <see cref="Settings"/>. Built in code, it starts from the catalogue's defaults.
/// </summary>
public sealed record WemixvisorOptions
{
    private readonly SettingValues _values;

    /// <summary>The catalogue's defaults, and no config file read; the required settings come from the initializer.</summary>
    public WemixvisorOptions() => _values = Settings.Defaults.With(Settings.Config, null);

    /// <param name="values">A value for every setting (the loader's result).</param>
    [SetsRequiredMembers]
#pragma warning disable CS8618 // The required properties read their value from the values given here.
    internal WemixvisorOptions(SettingValues values) => _values = values;
#pragma warning restore CS8618

    public required string Home { get => _values.Get(Settings.Home); init => _values = _values.With(Settings.Home, value); }
    public required string Name { get => _values.Get(Settings.Name); init => _values = _values.With(Settings.Name, value); }
    public required string DataDir { get => _values.Get(Settings.DataDir); init => _values = _values.With(Settings.DataDir, value); }
    public TimeSpan PollInterval { get => _values.Get(Settings.PollInterval); init => _values = _values.With(Settings.PollInterval, value); }
    public TimeSpan ShutdownGrace { get => _values.Get(Settings.ShutdownGrace); init => _values = _values.With(Settings.ShutdownGrace, value); }
    public bool RestartAfterUpgrade { get => _values.Get(Settings.RestartAfterUpgrade); init => _values = _values.With(Settings.RestartAfterUpgrade, value); }
    public TimeSpan RestartDelay { get => _values.Get(Settings.RestartDelay); init => _values = _values.With(Settings.RestartDelay, value); }
    public bool RestartOnFailure { get => _values.Get(Settings.RestartOnFailure); init => _values = _values.With(Settings.RestartOnFailure, value); }
    public int MaxRestarts { get => _values.Get(Settings.MaxRestarts); init => _values = _values.With(Settings.MaxRestarts, value); }
    public TimeSpan RestartBackoff { get => _values.Get(Settings.RestartBackoff); init => _values = _values.With(Settings.RestartBackoff, value); }
    public bool UnsafeSkipBackup { get => _values.Get(Settings.UnsafeSkipBackup); init => _values = _values.With(Settings.UnsafeSkipBackup, value); }
    public required string BackupDir { get => _values.Get(Settings.BackupDir); init => _values = _values.With(Settings.BackupDir, value); }
    public int BackupKeep { get => _values.Get(Settings.BackupKeep); init => _values = _values.With(Settings.BackupKeep, value); }
    public int PreUpgradeMaxRetries { get => _values.Get(Settings.PreUpgradeMaxRetries); init => _values = _values.With(Settings.PreUpgradeMaxRetries, value); }
    public TimeSpan PreUpgradeTimeout { get => _values.Get(Settings.PreUpgradeTimeout); init => _values = _values.With(Settings.PreUpgradeTimeout, value); }
    public bool PreUpgradeBinary { get => _values.Get(Settings.PreUpgradeBinary); init => _values = _values.With(Settings.PreUpgradeBinary, value); }

    /// <summary>The node RPC given (a socket path or URL), or null for the default socket.</summary>
    public string? NodeRpc { get => _values.Get(Settings.NodeRpc); init => _values = _values.With(Settings.NodeRpc, value); }
    public TimeSpan RpcTimeout { get => _values.Get(Settings.RpcTimeout); init => _values = _values.With(Settings.RpcTimeout, value); }
    public TimeSpan HeightPoll { get => _values.Get(Settings.HeightPoll); init => _values = _values.With(Settings.HeightPoll, value); }
    public int SwitchMargin { get => _values.Get(Settings.SwitchMargin); init => _values = _values.With(Settings.SwitchMargin, value); }
    public int StaggerBlocks { get => _values.Get(Settings.StaggerBlocks); init => _values = _values.With(Settings.StaggerBlocks, value); }
    public TimeSpan StallTimeout { get => _values.Get(Settings.StallTimeout); init => _values = _values.With(Settings.StallTimeout, value); }
    public TimeSpan ReadyTimeout { get => _values.Get(Settings.ReadyTimeout); init => _values = _values.With(Settings.ReadyTimeout, value); }
    public bool AllowDownloadBinaries { get => _values.Get(Settings.AllowDownloadBinaries); init => _values = _values.With(Settings.AllowDownloadBinaries, value); }
    public bool DownloadMustHaveChecksum { get => _values.Get(Settings.DownloadMustHaveChecksum); init => _values = _values.With(Settings.DownloadMustHaveChecksum, value); }
    public bool AllowInsecureDownload { get => _values.Get(Settings.AllowInsecureDownload); init => _values = _values.With(Settings.AllowInsecureDownload, value); }

    /// <summary>The largest download, and the largest total an archive may unpack to, in bytes.</summary>
    public long DownloadMaxSize { get => _values.Get(Settings.DownloadMaxSize); init => _values = _values.With(Settings.DownloadMaxSize, value); }

    /// <summary>Where the metrics and health endpoints listen (<c>host:port</c>), or null when they are off.</summary>
    public string? MetricsAddr { get => _values.Get(Settings.MetricsAddr); init => _values = _values.With(Settings.MetricsAddr, value); }
    public bool MetricsAllowRemote { get => _values.Get(Settings.MetricsAllowRemote); init => _values = _values.With(Settings.MetricsAllowRemote, value); }

    /// <summary>The alert receivers, comma-separated, or null when there are none.</summary>
    public string? WebhookUrl { get => _values.Get(Settings.WebhookUrl); init => _values = _values.With(Settings.WebhookUrl, value); }

    /// <summary>Absolute path of the custom pre-upgrade script, or null when none is configured.</summary>
    public string? CustomPreUpgrade { get => _values.Get(Settings.CustomPreUpgrade); init => _values = _values.With(Settings.CustomPreUpgrade, value); }

    public LogFormat LogFormat { get => _values.Get(Settings.LogFormat); init => _values = _values.With(Settings.LogFormat, value); }
    public LogLevelSetting LogLevel { get => _values.Get(Settings.LogLevel); init => _values = _values.With(Settings.LogLevel, value); }
    public bool DisableLogs { get => _values.Get(Settings.DisableLogs); init => _values = _values.With(Settings.DisableLogs, value); }

    /// <summary>The config file that was read, or null when none was (as for options built in code).</summary>
    public string? ConfigFile { get => _values.Get(Settings.Config); init => _values = _values.With(Settings.Config, value); }
}

public enum LogFormat { Text, Json }

public enum LogLevelSetting { Trace, Debug, Info, Warn, Error }
