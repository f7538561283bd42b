using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Tests.Configuration;

public sealed class ConfigurationLoaderTests
{
    [Fact]
    public void Load_HomeAndNameOnly_GivesEveryDefault()
    {
        // Act
        var loaded = LoaderInput.Minimal().LoadValid();
        var options = loaded.Options;

        // Assert
        Assert.Equal("/srv/node", options.Home);
        Assert.Equal("gstable", options.Name);
        Assert.Equal("/srv/node/data", options.DataDir);
        Assert.Equal(TimeSpan.FromMilliseconds(300), options.PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(60), options.ShutdownGrace);
        Assert.True(options.RestartAfterUpgrade);
        Assert.Equal(TimeSpan.Zero, options.RestartDelay);
        Assert.True(options.RestartOnFailure);
        Assert.Equal(10, options.MaxRestarts);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RestartBackoff);
        Assert.False(options.UnsafeSkipBackup);
        Assert.Equal("/srv/node/backups", options.BackupDir);
        Assert.Equal(3, options.BackupKeep);
        Assert.Equal(0, options.PreUpgradeMaxRetries);
        Assert.Equal(TimeSpan.FromMinutes(5), options.PreUpgradeTimeout);
        Assert.False(options.PreUpgradeBinary);
        Assert.Null(options.CustomPreUpgrade);
        Assert.Equal(LogFormat.Text, options.LogFormat);
        Assert.Equal(LogLevelSetting.Info, options.LogLevel);
        Assert.False(options.DisableLogs);
        Assert.Null(options.ConfigFile);
        Assert.Equal(Settings.All, loaded.Settings.Select(s => s.Setting));
        Assert.All(loaded.Settings.Where(s => s.Setting != Settings.Home && s.Setting != Settings.Name),
            s => Assert.Equal(SettingSource.Default, s.Source));
        Assert.Equal("1m0s", loaded[Settings.ShutdownGrace].Value);
        Assert.Equal("/srv/node/data", loaded[Settings.DataDir].Value);
        Assert.Equal("", loaded[Settings.CustomPreUpgrade].Value);
    }

    public static TheoryData<string, string, Func<WemixvisorOptions, object?>, object?> ValidValues => new()
    {
        { "DAEMON_HOME", "/opt/chain/", o => o.Home, "/opt/chain" },
        { "DAEMON_HOME", "/opt/./chain/../chain2", o => o.Home, "/opt/chain2" },
        { "DAEMON_NAME", "gstable-v2.bin", o => o.Name, "gstable-v2.bin" },
        { "DAEMON_DATA_DIR", "/mnt/data", o => o.DataDir, "/mnt/data" },
        { "DAEMON_POLL_INTERVAL", "1.5s", o => o.PollInterval, TimeSpan.FromMilliseconds(1500) },
        { "DAEMON_SHUTDOWN_GRACE", "0s", o => o.ShutdownGrace, TimeSpan.Zero },
        { "DAEMON_SHUTDOWN_GRACE", "2m", o => o.ShutdownGrace, TimeSpan.FromMinutes(2) },
        { "DAEMON_RESTART_AFTER_UPGRADE", "FALSE", o => o.RestartAfterUpgrade, false },
        { "DAEMON_RESTART_DELAY", "1m30s", o => o.RestartDelay, TimeSpan.FromSeconds(90) },
        { "DAEMON_RESTART_ON_FAILURE", "false", o => o.RestartOnFailure, false },
        { "DAEMON_MAX_RESTARTS", "0", o => o.MaxRestarts, 0 },
        { "DAEMON_MAX_RESTARTS", "2", o => o.MaxRestarts, 2 },
        { "DAEMON_RESTART_BACKOFF", "300ms", o => o.RestartBackoff, TimeSpan.FromMilliseconds(300) },
        { "UNSAFE_SKIP_BACKUP", "true", o => o.UnsafeSkipBackup, true },
        { "DAEMON_DATA_BACKUP_DIR", "/mnt/backups", o => o.BackupDir, "/mnt/backups" },
        { "DAEMON_BACKUP_KEEP", "1", o => o.BackupKeep, 1 },
        { "DAEMON_PREUPGRADE_MAX_RETRIES", "2", o => o.PreUpgradeMaxRetries, 2 },
        { "DAEMON_PREUPGRADE_TIMEOUT", "30s", o => o.PreUpgradeTimeout, TimeSpan.FromSeconds(30) },
        { "WEMIXVISOR_PREUPGRADE_BINARY", "True", o => o.PreUpgradeBinary, true },
        { "WEMIXVISOR_CUSTOM_PREUPGRADE", "/opt/hooks/pre.sh", o => o.CustomPreUpgrade, "/opt/hooks/pre.sh" },
        { "WEMIXVISOR_CUSTOM_PREUPGRADE", "hooks/pre.sh", o => o.CustomPreUpgrade, "/srv/node/wemixvisor/hooks/pre.sh" },
        { "COSMOVISOR_CUSTOM_PREUPGRADE", "pre.sh", o => o.CustomPreUpgrade, "/srv/node/wemixvisor/pre.sh" },
        { "WEMIXVISOR_LOG_FORMAT", "JSON", o => o.LogFormat, LogFormat.Json },
        { "WEMIXVISOR_LOG_LEVEL", "trace", o => o.LogLevel, LogLevelSetting.Trace },
        { "WEMIXVISOR_LOG_LEVEL", "Warn", o => o.LogLevel, LogLevelSetting.Warn },
        { "WEMIXVISOR_DISABLE_LOGS", "true", o => o.DisableLogs, true },
        { "COSMOVISOR_DISABLE_LOGS", "true", o => o.DisableLogs, true },
    };

    [Theory]
    [MemberData(nameof(ValidValues))]
    public void Load_ValidVariable_SetsTheOption(string variable, string text, Func<WemixvisorOptions, object?> read, object? expected)
    {
        // Act
        var loaded = LoaderInput.Minimal().Env(variable, text).LoadValid();

        // Assert
        Assert.Equal(expected, read(loaded.Options));
        var resolved = loaded.Settings.Single(s => s.Setting.Variable == variable || s.Setting.Alias == variable);
        Assert.Equal(SettingSource.Env, resolved.Source);
        Assert.Equal(variable, resolved.Origin);
    }

    [Theory]
    [InlineData("DAEMON_HOME", "srv/node", "absolute")]
    [InlineData("DAEMON_HOME", "~/node", "absolute")]
    [InlineData("DAEMON_NAME", "bin/gstable", "plain file name")]
    [InlineData("DAEMON_NAME", "..", "not \".\" or \"..\"")]
    [InlineData("DAEMON_NAME", "gs\ttable", "control characters")]
    [InlineData("DAEMON_DATA_DIR", "data", "absolute")]
    [InlineData("DAEMON_POLL_INTERVAL", "0s", "greater than 0s")]
    [InlineData("DAEMON_POLL_INTERVAL", "5x", "unknown unit")]
    [InlineData("DAEMON_POLL_INTERVAL", "300", "unit")]
    [InlineData("DAEMON_SHUTDOWN_GRACE", "-1s", "negative")]
    [InlineData("DAEMON_RESTART_AFTER_UPGRADE", "yes", "true or false")]
    [InlineData("DAEMON_RESTART_DELAY", "soon", "not a duration")]
    [InlineData("DAEMON_RESTART_ON_FAILURE", "1", "true or false")]
    [InlineData("DAEMON_MAX_RESTARTS", "-1", "whole number >= 0")]
    [InlineData("DAEMON_MAX_RESTARTS", "ten", "whole number >= 0")]
    [InlineData("DAEMON_MAX_RESTARTS", "99999999999", "whole number >= 0")]
    [InlineData("DAEMON_RESTART_BACKOFF", "0", "greater than 0s")]
    [InlineData("UNSAFE_SKIP_BACKUP", "nope", "true or false")]
    [InlineData("DAEMON_DATA_BACKUP_DIR", "backups", "absolute")]
    [InlineData("DAEMON_BACKUP_KEEP", "0", "whole number >= 1")]
    [InlineData("DAEMON_PREUPGRADE_MAX_RETRIES", " 2", "whole number >= 0")]
    [InlineData("DAEMON_PREUPGRADE_TIMEOUT", "0s", "greater than 0s")]
    [InlineData("WEMIXVISOR_PREUPGRADE_BINARY", "on", "true or false")]
    [InlineData("WEMIXVISOR_CUSTOM_PREUPGRADE", "../../etc/hook", "inside /srv/node/wemixvisor")]
    [InlineData("COSMOVISOR_CUSTOM_PREUPGRADE", "../hook", "inside /srv/node/wemixvisor")]
    [InlineData("WEMIXVISOR_LOG_FORMAT", "xml", "text or json")]
    [InlineData("WEMIXVISOR_LOG_LEVEL", "verbose", "trace, debug, info, warn or error")]
    [InlineData("WEMIXVISOR_DISABLE_LOGS", "2", "true or false")]
    [InlineData("COSMOVISOR_DISABLE_LOGS", "yes", "true or false")]
    [InlineData("WEMIXVISOR_CONFIG", "/etc/missing.toml", "does not exist")]
    public void Load_InvalidVariable_NamesTheVariableAndTheValue(string variable, string text, string reason)
    {
        // Act
        var problem = LoaderInput.Minimal().Env(variable, text).LoadSingleProblem();

        // Assert
        Assert.Equal(variable, problem.Subject);
        Assert.StartsWith($"{variable}={SettingValue.Quote(text)}", problem.Message, StringComparison.Ordinal);
        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DAEMON_HOME")]
    [InlineData("DAEMON_NAME")]
    public void Load_RequiredVariableMissing_SaysHowToSetIt(string variable)
    {
        // Arrange
        var input = LoaderInput.Minimal();
        input.Environment.Remove(variable);

        // Act
        var problem = input.LoadSingleProblem();

        // Assert
        Assert.Equal(variable, problem.Subject);
        Assert.Contains($"{variable} is not set", problem.Message, StringComparison.Ordinal);
        Assert.Contains("--" + variable["DAEMON_".Length..].ToLowerInvariant(), problem.Message, StringComparison.Ordinal);
        Assert.Contains(variable.ToLowerInvariant(), problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManyProblems_ReportsEveryOneAtOnce()
    {
        // Arrange
        var input = new LoaderInput()
            .Env("DAEMON_NAME", "a/b")
            .Env("DAEMON_POLL_INTERVAL", "fast")
            .Env("DAEMON_MAX_RESTARTS", "-3")
            .Flag("log-level", "loud");

        // Act
        var result = input.Load();

        // Assert
        Assert.False(result.IsValid);
        Assert.Equal(
            ["DAEMON_HOME", "DAEMON_NAME", "DAEMON_POLL_INTERVAL", "DAEMON_MAX_RESTARTS", "--log-level"],
            result.Problems.Select(p => p.Subject));
        Assert.Contains("\"fast\"", result.Problems[2].Message, StringComparison.Ordinal);
        Assert.Contains("\"-3\"", result.Problems[3].Message, StringComparison.Ordinal);
        Assert.Equal("--log-level \"loud\": must be trace, debug, info, warn or error", result.Problems[4].Message);
    }

    [Fact]
    public void Load_EmptyValue_MeansNotSet()
    {
        // Act
        var loaded = LoaderInput.Minimal()
            .Env("DAEMON_POLL_INTERVAL", "")
            .Env("DAEMON_RESTART_AFTER_UPGRADE", "")
            .Flag("max-restarts", "")
            .LoadValid();

        // Assert
        Assert.Equal(TimeSpan.FromMilliseconds(300), loaded.Options.PollInterval);
        Assert.True(loaded.Options.RestartAfterUpgrade);
        Assert.Equal(10, loaded.Options.MaxRestarts);
        Assert.Equal(SettingSource.Default, loaded[Settings.MaxRestarts].Source);
    }

    [Fact]
    public void Load_ValueWithControlCharacter_IsShownEscaped()
    {
        // Act
        var problem = LoaderInput.Minimal().Env("DAEMON_RESTART_ON_FAILURE", "true\n").LoadSingleProblem();

        // Assert
        Assert.Equal("DAEMON_RESTART_ON_FAILURE=\"true\\n\": must be true or false", problem.Message);
    }

    [Fact]
    public void Load_BackupDirInsideDataDir_IsRejected()
    {
        // Act
        var problem = LoaderInput.Minimal().Env("DAEMON_DATA_DIR", "/srv/node").LoadSingleProblem();

        // Assert
        Assert.Equal("DAEMON_DATA_BACKUP_DIR", problem.Subject);
        Assert.Contains("/srv/node/backups", problem.Message, StringComparison.Ordinal);
        Assert.Contains("must not be inside DAEMON_DATA_DIR", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BackupDirSiblingWithCommonPrefix_IsAccepted()
    {
        var loaded = LoaderInput.Minimal().Env("DAEMON_DATA_DIR", "/srv/data").Env("DAEMON_DATA_BACKUP_DIR", "/srv/data-backups").LoadValid();

        Assert.Equal("/srv/data-backups", loaded.Options.BackupDir);
    }

    [Fact]
    public void Load_BothAliasAndVariable_TheVariableWins()
    {
        // Act
        var loaded = LoaderInput.Minimal()
            .Env("COSMOVISOR_DISABLE_LOGS", "true")
            .Env("WEMIXVISOR_DISABLE_LOGS", "false")
            .Env("COSMOVISOR_CUSTOM_PREUPGRADE", "/old.sh")
            .Env("WEMIXVISOR_CUSTOM_PREUPGRADE", "/new.sh")
            .LoadValid();

        // Assert
        Assert.False(loaded.Options.DisableLogs);
        Assert.Equal("WEMIXVISOR_DISABLE_LOGS", loaded[Settings.DisableLogs].Origin);
        Assert.Equal("/new.sh", loaded.Options.CustomPreUpgrade);
    }

    [Fact]
    public void Load_AllowDownloadBinariesTrue_EnablesDownloadsWithChecksumsRequired()
    {
        var loaded = LoaderInput.Minimal().Env("DAEMON_ALLOW_DOWNLOAD_BINARIES", "true").LoadValid();

        Assert.True(loaded.Options.AllowDownloadBinaries);
        Assert.True(loaded.Options.DownloadMustHaveChecksum);
        Assert.Equal(2L << 30, loaded.Options.DownloadMaxSize);
        Assert.Empty(loaded.Notices);
    }

    [Theory]
    [InlineData("500MiB", 500L << 20)]
    [InlineData("1048576", 1L << 20)]
    [InlineData("100mb", 100_000_000L)]
    public void Load_DownloadMaxSize_ReadsBytesAndUnits(string text, long expected)
    {
        var loaded = LoaderInput.Minimal().Env("WEMIXVISOR_DOWNLOAD_MAX_SIZE", text).LoadValid();

        Assert.Equal(expected, loaded.Options.DownloadMaxSize);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2 parsecs")]
    [InlineData("-5MiB")]
    public void Load_DownloadMaxSizeInvalid_IsRejectedNamingTheVariable(string text)
    {
        var problem = LoaderInput.Minimal().Env("WEMIXVISOR_DOWNLOAD_MAX_SIZE", text).LoadSingleProblem();

        Assert.StartsWith($"WEMIXVISOR_DOWNLOAD_MAX_SIZE=\"{text}\": must be a size greater than 0", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AllowDownloadBinariesNotBoolean_IsRejected()
    {
        var problem = LoaderInput.Minimal().Env("DAEMON_ALLOW_DOWNLOAD_BINARIES", "maybe").LoadSingleProblem();

        Assert.Equal("DAEMON_ALLOW_DOWNLOAD_BINARIES=\"maybe\": must be true or false", problem.Message);
    }

    [Fact]
    public void Load_HarmlessCosmovisorVariables_AreIgnoredWithANotice()
    {
        // Act
        var loaded = LoaderInput.Minimal()
            .Env("COSMOVISOR_DISABLE_RECASE", "false")
            .Env("COSMOVISOR_COLOR_LOGS", "true")
            .Env("DAEMON_GRPC_ADDRESS", "localhost:9090")
            .LoadValid();

        // Assert
        Assert.Equal(3, loaded.Notices.Count);
        Assert.Contains(loaded.Notices, n => n.StartsWith("COSMOVISOR_DISABLE_RECASE is ignored", StringComparison.Ordinal));
        Assert.Contains(loaded.Notices, n => n.StartsWith("COSMOVISOR_COLOR_LOGS is ignored", StringComparison.Ordinal));
        Assert.Contains(loaded.Notices, n => n.StartsWith("DAEMON_GRPC_ADDRESS is ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownFlagName_IsAProgrammingError()
    {
        var input = LoaderInput.Minimal().Flag("no-such-flag", "x");

        Assert.Throws<ArgumentException>(() => input.Load());
    }
}
