namespace Wemixvisor.Core.Configuration;

/// <summary>One load: picks each setting's winning value, parses it, and collects every problem on the way.</summary>
internal sealed class ConfigurationBuilder(ConfigurationInput input)
{
    private readonly List<ConfigurationProblem> _problems = [];
    private readonly Dictionary<Setting, ResolvedSetting> _resolved = [];
    private readonly List<string> _notices = [];
    private readonly Dictionary<string, SettingValue> _file = new(StringComparer.Ordinal);
    private SettingValues _values = SettingValues.Empty;

    private SettingContext Context => new(_values, input.WorkingDirectory);

    public ConfigurationResult Build()
    {
        LoadConfigFile();
        foreach (var setting in Settings.All.Where(setting => setting != Settings.Config))
        {
            setting.ResolveIn(this);
        }
        CheckCosmovisorVariables();
        CheckBackupDirOutsideDataDir();

        if (_problems.Count > 0)
        {
            return ConfigurationResult.Invalid(_problems);
        }
        var ordered = Settings.All.Select(setting => _resolved[setting]).ToList();
        return ConfigurationResult.Valid(new LoadedConfiguration(new WemixvisorOptions(_values), ordered, _notices));
    }

    /// <summary>The value from the highest source, else the default; a required setting without one is a problem.</summary>
    internal void Resolve<T>(Setting<T> setting)
    {
        var raw = Pick(setting);
        if (raw is null)
        {
            if (setting.DefaultKind == SettingDefaultKind.Required)
            {
                _problems.Add(new ConfigurationProblem(
                    setting.Variable,
                    $"{setting.Variable} is not set: set it in the environment, pass {setting.FlagText}, or put {setting.FileKey} in the config file"));
            }
            else if (setting.DefaultIn(_values) is { HasValue: true } fallback)
            {
                Accept(setting, fallback.Value, SettingSource.Default, "default");
            }
            return;
        }
        var parsed = setting.Type.Parse(raw.Text, Context);
        if (parsed.Error is { } error)
        {
            Problem(raw, error);
        }
        else if (parsed.HasValue)
        {
            Accept(setting, parsed.Value, raw.Source, raw.Origin);
        }
    }

    private void Accept<T>(Setting<T> setting, T value, SettingSource source, string origin)
    {
        _values = _values.With(setting, value);
        _resolved[setting] = new ResolvedSetting(setting, setting.Format(value), source, origin);
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

    /// <summary>
    /// The config file is given by a flag or variable, or is the default one in the home those give; only a
    /// given file must exist. Its value is the file that was read.
    /// </summary>
    private void LoadConfigFile()
    {
        var setting = Settings.Config;
        var given = Pick(setting, includeFile: false);
        string? path = null;
        if (given is not null)
        {
            var parsed = setting.Type.Parse(given.Text, Context);
            if (parsed.Error is { } error)
            {
                Problem(given, error);
            }
            path = parsed.Value;
        }
        else if (Pick(Settings.Home, includeFile: false) is { } home && Settings.Home.Type.Parse(home.Text, Context) is { HasValue: true } homePath)
        {
            path = setting.DefaultIn(SettingValues.Empty.With(Settings.Home, homePath.Value)).Value;
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

        Accept(setting, text is not null ? path : null, given?.Source ?? SettingSource.Default, given?.Origin ?? "default");
        if (text is not null)
        {
            ReadFileValues(ConfigFile.Parse(text, path!), path!);
        }
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
            if (variable.IsBoolean && !BooleanText.TryParse(raw.Text, out _))
            {
                Problem(raw, "must be true or false");
            }
            else
            {
                _notices.Add($"{raw.Name} is ignored: {variable.Reason}");
            }
        }
    }

    private void CheckBackupDirOutsideDataDir()
    {
        if (!_values.TryGet(Settings.DataDir, out var dataDir) || !_values.TryGet(Settings.BackupDir, out var backupDir))
        {
            return;
        }
        if (backupDir == dataDir || backupDir.StartsWith(dataDir.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            var given = Pick(Settings.BackupDir);
            var origin = given?.Describe() ?? $"{Settings.BackupDir.Variable} (default {backupDir})";
            _problems.Add(new ConfigurationProblem(
                given?.Name ?? Settings.BackupDir.Variable,
                $"{origin}: must not be inside {Settings.DataDir.Variable} ({dataDir}), or a backup would copy itself; set {Settings.BackupDir.Variable} to a directory outside it"));
        }
    }

    private void Problem(SettingValue raw, string error) =>
        _problems.Add(new ConfigurationProblem(raw.Name, $"{raw.Describe()}: {error}"));
}
