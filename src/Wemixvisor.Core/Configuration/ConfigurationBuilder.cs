using System.Globalization;

namespace Wemixvisor.Core.Configuration;

/// <summary>One load: picks each setting's winning value, parses it, and collects every problem on the way.</summary>
internal sealed class ConfigurationBuilder(ConfigurationInput input)
{
    private readonly List<ConfigurationProblem> _problems = [];
    private readonly List<ResolvedSetting> _resolved = [];
    private readonly List<string> _notices = [];
    private readonly Dictionary<string, SettingValue> _file = new(StringComparer.Ordinal);

    public ConfigurationResult Build()
    {
        var configFile = LoadConfigFile();

        var home = Required(Settings.Home, ParseAbsolutePath);
        var name = Required(Settings.Name, ParseFileName);
        var dataDir = Path(Settings.DataDir, home is null ? null : System.IO.Path.Combine(home, "data"));
        var pollInterval = Duration(Settings.PollInterval, TimeSpan.FromMilliseconds(300), mustBePositive: true);
        var shutdownGrace = Duration(Settings.ShutdownGrace, TimeSpan.FromSeconds(60), mustBePositive: false);
        var restartAfterUpgrade = Boolean(Settings.RestartAfterUpgrade, true);
        var restartDelay = Duration(Settings.RestartDelay, TimeSpan.Zero, mustBePositive: false);
        var restartOnFailure = Boolean(Settings.RestartOnFailure, true);
        var maxRestarts = Integer(Settings.MaxRestarts, 10, minimum: 0);
        var restartBackoff = Duration(Settings.RestartBackoff, TimeSpan.FromSeconds(1), mustBePositive: true);
        var unsafeSkipBackup = Boolean(Settings.UnsafeSkipBackup, false);
        var backupDir = Path(Settings.BackupDir, home is null ? null : System.IO.Path.Combine(home, "backups"));
        var backupKeep = Integer(Settings.BackupKeep, 3, minimum: 1);
        var preUpgradeMaxRetries = Integer(Settings.PreUpgradeMaxRetries, 0, minimum: 0);
        var preUpgradeTimeout = Duration(Settings.PreUpgradeTimeout, TimeSpan.FromMinutes(5), mustBePositive: true);
        var preUpgradeBinary = Boolean(Settings.PreUpgradeBinary, false);
        var customPreUpgrade = CustomPreUpgrade(home);
        var logFormat = Resolve(Settings.LogFormat, LogFormat.Text, ParseLogFormat, FormatLogFormat);
        var logLevel = Resolve(Settings.LogLevel, LogLevelSetting.Info, ParseLogLevel, FormatLogLevel);
        var disableLogs = Boolean(Settings.DisableLogs, false);
        CheckCosmovisorVariables();
        CheckBackupDirOutsideDataDir(dataDir, backupDir);

        if (_problems.Count > 0 || home is null || name is null || dataDir is null || backupDir is null)
        {
            return ConfigurationResult.Invalid(_problems);
        }
        var options = new WemixvisorOptions
        {
            Home = home,
            Name = name,
            DataDir = dataDir,
            PollInterval = pollInterval,
            ShutdownGrace = shutdownGrace,
            RestartAfterUpgrade = restartAfterUpgrade,
            RestartDelay = restartDelay,
            RestartOnFailure = restartOnFailure,
            MaxRestarts = maxRestarts,
            RestartBackoff = restartBackoff,
            UnsafeSkipBackup = unsafeSkipBackup,
            BackupDir = backupDir,
            BackupKeep = backupKeep,
            PreUpgradeMaxRetries = preUpgradeMaxRetries,
            PreUpgradeTimeout = preUpgradeTimeout,
            PreUpgradeBinary = preUpgradeBinary,
            CustomPreUpgrade = customPreUpgrade,
            LogFormat = logFormat,
            LogLevel = logLevel,
            DisableLogs = disableLogs,
            ConfigFile = configFile,
        };
        var ordered = Settings.All.Select(setting => _resolved.First(r => r.Setting == setting)).ToList();
        return ConfigurationResult.Valid(new LoadedConfiguration(options, ordered, _notices));
    }

    // ---- where values come from -------------------------------------------------------------

    private SettingValue? Pick(Setting setting, bool includeFile = true)
    {
        if (input.Flags.TryGetValue(setting.Flag, out var flag) && flag.Length > 0)
        {
            return new SettingValue(flag, SettingSource.Flag, setting.FlagText);
        }
        foreach (var variable in new[] { setting.Variable, setting.Alias })
        {
            if (variable is not null && input.Environment.TryGetValue(variable, out var env) && env.Length > 0)
            {
                return new SettingValue(env, SettingSource.Env, variable);
            }
        }
        if (includeFile)
        {
            foreach (var key in new[] { setting.FileKey, setting.AliasFileKey })
            {
                if (key is not null && _file.TryGetValue(key, out var value) && value.Text.Length > 0)
                {
                    return value;
                }
            }
        }
        return null;
    }

    private string? LoadConfigFile()
    {
        var given = Pick(Settings.Config, includeFile: false);
        string? path = null;
        if (given is not null && given.Text.Contains('\0'))
        {
            Problem(given, "a path cannot contain a NUL character");
        }
        else if (given is not null)
        {
            path = System.IO.Path.GetFullPath(given.Text, input.WorkingDirectory);
        }
        else if (Pick(Settings.Home, includeFile: false) is { } home && ParseAbsolutePath(home.Text).Value is { } homePath)
        {
            path = System.IO.Path.Combine(homePath, "wemixvisor", "config.toml");
        }

        string? text = null;
        if (path is not null)
        {
            try
            {
                text = input.ReadFile(path);
            }
            catch (Exception e) when (given is null && e is FileNotFoundException or DirectoryNotFoundException)
            {
                // The default config file is optional.
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                Problem(given!, $"the config file {path} does not exist");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _problems.Add(new ConfigurationProblem(path, $"cannot read the config file {path}: {e.Message}"));
            }
        }

        var read = text is not null ? path : null;
        _resolved.Add(new ResolvedSetting(Settings.Config, read ?? "", given?.Source ?? SettingSource.Default, given?.Origin ?? "default"));
        if (text is not null)
        {
            ReadFileValues(ConfigFile.Parse(text, path!), path!);
        }
        return read;
    }

    private void ReadFileValues(ConfigFile.Contents contents, string path)
    {
        _problems.AddRange(contents.Problems);
        foreach (var value in contents.Values)
        {
            if (ConfigKeys.Reject(value.Name) is { } reason)
            {
                _problems.Add(new ConfigurationProblem(value.Name, $"config file {path}, line {value.Line}: {reason}"));
                continue;
            }
            _file[value.Name] = value;
        }
    }

    // ---- typed settings -----------------------------------------------------------------------

    private T Resolve<T>(Setting setting, T fallback, Func<string, (T Value, string? Error)> parse, Func<T, string> format)
    {
        var raw = Pick(setting);
        if (raw is null)
        {
            _resolved.Add(new ResolvedSetting(setting, format(fallback), SettingSource.Default, "default"));
            return fallback;
        }
        var (value, error) = parse(raw.Text);
        if (error is not null)
        {
            Problem(raw, error);
            return fallback;
        }
        _resolved.Add(new ResolvedSetting(setting, format(value), raw.Source, raw.Origin));
        return value;
    }

    /// <summary>A setting without a default: null (and a problem) when it is missing or invalid.</summary>
    private string? Required(Setting setting, Func<string, (string? Value, string? Error)> parse)
    {
        var raw = Pick(setting);
        if (raw is null)
        {
            _problems.Add(new ConfigurationProblem(
                setting.Variable,
                $"{setting.Variable} is not set: set it in the environment, pass {setting.FlagText}, or put {setting.FileKey} in the config file"));
            return null;
        }
        return Accept(setting, raw, parse(raw.Text));
    }

    /// <summary>An absolute path; without a value the default, or null when the default is unknown (no valid home).</summary>
    private string? Path(Setting setting, string? fallback)
    {
        var raw = Pick(setting);
        if (raw is null)
        {
            if (fallback is not null)
            {
                _resolved.Add(new ResolvedSetting(setting, fallback, SettingSource.Default, "default"));
            }
            return fallback;
        }
        return Accept(setting, raw, ParseAbsolutePath(raw.Text));
    }

    private string? Accept(Setting setting, SettingValue raw, (string? Value, string? Error) parsed)
    {
        if (parsed.Error is not null || parsed.Value is null)
        {
            Problem(raw, parsed.Error ?? "is not valid");
            return null;
        }
        _resolved.Add(new ResolvedSetting(setting, parsed.Value, raw.Source, raw.Origin));
        return parsed.Value;
    }

    private TimeSpan Duration(Setting setting, TimeSpan fallback, bool mustBePositive) =>
        Resolve(setting, fallback, text =>
            !GoDuration.TryParse(text, out var value, out var error) ? (value, error)
            : mustBePositive && value <= TimeSpan.Zero ? (value, "must be greater than 0s")
            : (value, null), GoDuration.Format);

    private bool Boolean(Setting setting, bool fallback) =>
        Resolve(setting, fallback, text =>
            BooleanText.TryParse(text, out var value) ? (value, null) : (value, "must be true or false"), BooleanText.Format);

    private int Integer(Setting setting, int fallback, int minimum) =>
        Resolve(setting, fallback, text =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
                ? (value, null)
                : (value, $"must be a whole number >= {minimum}"),
            value => value.ToString(CultureInfo.InvariantCulture));

    private string? CustomPreUpgrade(string? home)
    {
        var raw = Pick(Settings.CustomPreUpgrade);
        if (raw is null)
        {
            _resolved.Add(new ResolvedSetting(Settings.CustomPreUpgrade, "", SettingSource.Default, "default"));
            return null;
        }
        if (raw.Text.Contains('\0'))
        {
            Problem(raw, "a path cannot contain a NUL character");
            return null;
        }
        string path;
        if (System.IO.Path.IsPathRooted(raw.Text))
        {
            path = Normalize(raw.Text);
        }
        else if (home is null)
        {
            return null; // Resolved relative to DAEMON_HOME, whose own problem is already reported.
        }
        else
        {
            var root = System.IO.Path.Combine(home, "wemixvisor");
            path = Normalize(System.IO.Path.Combine(root, raw.Text));
            if (!path.StartsWith(root + "/", StringComparison.Ordinal))
            {
                Problem(raw, $"a relative path must stay inside {root}; give an absolute path for a script elsewhere");
                return null;
            }
        }
        _resolved.Add(new ResolvedSetting(Settings.CustomPreUpgrade, path, raw.Source, raw.Origin));
        return path;
    }

    // ---- checks across settings ---------------------------------------------------------------

    private void CheckCosmovisorVariables()
    {
        foreach (var variable in CosmovisorVariables.All)
        {
            SettingValue? raw = input.Environment.TryGetValue(variable.Variable, out var env) && env.Length > 0
                ? new SettingValue(env, SettingSource.Env, variable.Variable)
                : _file.TryGetValue(variable.FileKey, out var fileValue) && fileValue.Text.Length > 0 ? fileValue : null;
            if (raw is null)
            {
                continue;
            }
            if (variable.IsBoolean && !BooleanText.TryParse(raw.Text, out var enabled))
            {
                Problem(raw, "must be true or false");
            }
            else if (variable.RefusedWhenTrue && BooleanText.TryParse(raw.Text, out enabled) && enabled)
            {
                Problem(raw, $"is not supported: {variable.Reason}");
            }
            else
            {
                _notices.Add($"{raw.Name} is ignored: {variable.Reason}");
            }
        }
    }

    private void CheckBackupDirOutsideDataDir(string? dataDir, string? backupDir)
    {
        if (dataDir is null || backupDir is null)
        {
            return;
        }
        if (backupDir == dataDir || backupDir.StartsWith(dataDir.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            var origin = Pick(Settings.BackupDir)?.Describe() ?? $"{Settings.BackupDir.Variable} (default {backupDir})";
            _problems.Add(new ConfigurationProblem(
                Pick(Settings.BackupDir)?.Name ?? Settings.BackupDir.Variable,
                $"{origin}: must not be inside {Settings.DataDir.Variable} ({dataDir}), or a backup would copy itself; set {Settings.BackupDir.Variable} to a directory outside it"));
        }
    }

    private void Problem(SettingValue raw, string error) =>
        _problems.Add(new ConfigurationProblem(raw.Name, $"{raw.Describe()}: {error}"));

    // ---- parsers ------------------------------------------------------------------------------

    private static (string? Value, string? Error) ParseAbsolutePath(string text) =>
        text.Contains('\0') ? (null, "a path cannot contain a NUL character")
        : !System.IO.Path.IsPathRooted(text) ? (null, "must be an absolute path (starting with /)")
        : (Normalize(text), null);

    private static (string? Value, string? Error) ParseFileName(string text) =>
        text.Contains('/') ? (null, "must be a plain file name without '/'")
        : text is "." or ".." ? (null, "must be a file name, not \".\" or \"..\"")
        : text.Any(char.IsControl) ? (null, "must not contain control characters")
        : text.Trim().Length == 0 ? (null, "must not be blank")
        : (text, null);

    private static (LogFormat Value, string? Error) ParseLogFormat(string text) => text.ToLowerInvariant() switch
    {
        "text" => (LogFormat.Text, null),
        "json" => (LogFormat.Json, null),
        _ => (LogFormat.Text, "must be text or json"),
    };

    private static string FormatLogFormat(LogFormat format) => format == LogFormat.Json ? "json" : "text";

    private static (LogLevelSetting Value, string? Error) ParseLogLevel(string text) => text.ToLowerInvariant() switch
    {
        "trace" => (LogLevelSetting.Trace, null),
        "debug" => (LogLevelSetting.Debug, null),
        "info" => (LogLevelSetting.Info, null),
        "warn" => (LogLevelSetting.Warn, null),
        "error" => (LogLevelSetting.Error, null),
        _ => (LogLevelSetting.Info, "must be trace, debug, info, warn or error"),
    };

    private static string FormatLogLevel(LogLevelSetting level) => level.ToString().ToLowerInvariant();

    /// <summary>Removes <c>.</c>, <c>..</c>, repeated and trailing slashes; pure string work for an absolute path.</summary>
    private static string Normalize(string absolutePath)
    {
        var full = System.IO.Path.GetFullPath(absolutePath);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }
}
