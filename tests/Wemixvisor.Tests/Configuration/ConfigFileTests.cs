using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Tests.Configuration;

public sealed class ConfigFileTests
{
    private const string DefaultPath = "/srv/node/wemixvisor/config.toml";

    [Fact]
    public void Load_DefaultConfigFilePresent_IsRead()
    {
        // Arrange
        var input = LoaderInput.Minimal().File(DefaultPath, """
            daemon_poll_interval = "1s"
            daemon_max_restarts = 4
            unsafe_skip_backup = true
            daemon_shutdown_grace = 0
            """);

        // Act
        var loaded = input.LoadValid();

        // Assert
        Assert.Equal(DefaultPath, loaded.Options.ConfigFile);
        Assert.Equal(TimeSpan.FromSeconds(1), loaded.Options.PollInterval);
        Assert.Equal(4, loaded.Options.MaxRestarts);
        Assert.True(loaded.Options.UnsafeSkipBackup);
        Assert.Equal(TimeSpan.Zero, loaded.Options.ShutdownGrace);
        Assert.Equal((SettingSource.Default, DefaultPath), (loaded[Settings.Config].Source, loaded[Settings.Config].Value));
        Assert.Equal($"{DefaultPath}:2", loaded[Settings.MaxRestarts].Origin);
    }

    [Fact]
    public void Load_UnicodeEscapeCutShort_IsOneInvalidTomlProblemNotACrash()
    {
        var input = LoaderInput.Minimal().File(DefaultPath, "daemon_name = \"\\ud");

        var problem = input.LoadSingleProblem();

        Assert.True(problem.Message.StartsWith($"config file {DefaultPath}", StringComparison.Ordinal) && problem.Message.Contains("invalid TOML", StringComparison.Ordinal), problem.Message);
    }

    [Fact]
    public void Load_DefaultConfigFileAbsent_IsNotAnError()
    {
        var input = LoaderInput.Minimal();

        var loaded = input.LoadValid();

        Assert.Null(loaded.Options.ConfigFile);
        Assert.Equal([DefaultPath], input.FilesRead);
        Assert.Equal("", loaded[Settings.Config].Value);
    }

    [Fact]
    public void Load_RelativeConfigPath_IsResolvedAgainstTheWorkingDirectory()
    {
        var loaded = LoaderInput.Minimal()
            .Env("WEMIXVISOR_CONFIG", "conf/wv.toml")
            .File($"{LoaderInput.WorkingDirectory}/conf/wv.toml", "daemon_backup_keep = 7")
            .LoadValid();

        Assert.Equal(7, loaded.Options.BackupKeep);
        Assert.Equal($"{LoaderInput.WorkingDirectory}/conf/wv.toml", loaded.Options.ConfigFile);
    }

    [Fact]
    public void Load_FileCanGiveHomeAndName()
    {
        var loaded = new LoaderInput()
            .Flag("config", "/etc/wv.toml")
            .File("/etc/wv.toml", "daemon_home = \"/data/node\"\ndaemon_name = \"gstable\"\n")
            .LoadValid();

        Assert.Equal("/data/node", loaded.Options.Home);
        Assert.Equal("/data/node/data", loaded.Options.DataDir);
        Assert.Equal(SettingSource.File, loaded[Settings.Home].Source);
    }

    [Fact]
    public void Load_UnknownKey_NamesTheKeyTheFileAndTheLine()
    {
        // Arrange
        var input = LoaderInput.Minimal().File(DefaultPath, "daemon_name = \"gstable\"\ndaemon_pol_interval = \"1s\"\n");

        // Act
        var problem = input.LoadSingleProblem();

        // Assert
        Assert.Equal("daemon_pol_interval", problem.Subject);
        Assert.Equal($"config file {DefaultPath}, line 2: unknown key \"daemon_pol_interval\"; did you mean \"daemon_poll_interval\"?", problem.Message);
    }

    [Fact]
    public void Load_UnrelatedUnknownKey_SaysWhatKeysLookLike()
    {
        var problem = LoaderInput.Minimal().File(DefaultPath, "color = \"blue\"").LoadSingleProblem();

        Assert.Contains("unknown key \"color\"", problem.Message, StringComparison.Ordinal);
        Assert.Contains("lower case", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UpperCaseKey_IsUnknown()
    {
        var problem = LoaderInput.Minimal().File(DefaultPath, "DAEMON_POLL_INTERVAL = \"1s\"").LoadSingleProblem();

        Assert.Equal("DAEMON_POLL_INTERVAL", problem.Subject);
        Assert.Contains("did you mean \"daemon_poll_interval\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TomlSyntaxError_NamesTheFileAndTheLine()
    {
        var problem = LoaderInput.Minimal().File(DefaultPath, "daemon_max_restarts = 3\ndaemon_poll_interval = \n").LoadSingleProblem();

        Assert.Equal(DefaultPath, problem.Subject);
        Assert.StartsWith($"config file {DefaultPath}, line 2, column ", problem.Message, StringComparison.Ordinal);
        Assert.Contains("invalid TOML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateKey_IsASyntaxError()
    {
        var problem = LoaderInput.Minimal().File(DefaultPath, "daemon_max_restarts = 3\ndaemon_max_restarts = 4\n").LoadSingleProblem();

        Assert.Contains("line 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TableOrArray_IsRejected()
    {
        // Act
        var result = LoaderInput.Minimal().File(DefaultPath, "daemon_name = [\"a\"]\n[daemon]\nhome = \"/x\"\n").Load();

        // Assert
        Assert.False(result.IsValid);
        Assert.Equal(["daemon_name", "daemon"], result.Problems.Select(p => p.Subject));
        Assert.Contains("line 1", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("table [daemon]", result.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConfigKeyInsideTheFile_IsRejected()
    {
        var problem = LoaderInput.Minimal().File(DefaultPath, "wemixvisor_config = \"/x.toml\"").LoadSingleProblem();

        Assert.Equal("wemixvisor_config", problem.Subject);
        Assert.Contains("WEMIXVISOR_CONFIG", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadValueInFile_NamesKeyValueFileAndLine()
    {
        var problem = LoaderInput.Minimal().File(DefaultPath, "\n\ndaemon_restart_delay = \"soon\"").LoadSingleProblem();

        Assert.Equal("daemon_restart_delay", problem.Subject);
        Assert.StartsWith($"daemon_restart_delay = \"soon\" ({DefaultPath}, line 3): not a duration", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AliasKeysAndCosmovisorKeysInFile_AreAccepted()
    {
        // Arrange: a Cosmovisor config.toml uses the same lower-case keys.
        var input = LoaderInput.Minimal().File(DefaultPath, """
            cosmovisor_disable_logs = true
            cosmovisor_custom_preupgrade = "pre.sh"
            daemon_allow_download_binaries = false
            cosmovisor_color_logs = true
            """);

        // Act
        var loaded = input.LoadValid();

        // Assert
        Assert.True(loaded.Options.DisableLogs);
        Assert.Equal("/srv/node/wemixvisor/pre.sh", loaded.Options.CustomPreUpgrade);
        Assert.False(loaded.Options.AllowDownloadBinaries);
        Assert.Single(loaded.Notices);
    }

    [Fact]
    public void Load_AllowDownloadBinariesInFile_EnablesDownloads()
    {
        var loaded = LoaderInput.Minimal().File(DefaultPath, "daemon_allow_download_binaries = true").LoadValid();

        Assert.True(loaded.Options.AllowDownloadBinaries);
    }

    [Fact]
    public void Load_UnreadableFile_IsReportedWithThePath()
    {
        // Arrange
        var input = new ConfigurationInput
        {
            Environment = new Dictionary<string, string> { ["DAEMON_HOME"] = "/srv/node", ["DAEMON_NAME"] = "gstable" },
            WorkingDirectory = "/",
            ReadFile = path => throw new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
        };

        // Act
        var result = ConfigurationLoader.Load(input);

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal(DefaultPath, problem.Subject);
        Assert.StartsWith($"cannot read the config file {DefaultPath}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ProblemsInFileAndEnvironment_AreReportedTogether()
    {
        var result = LoaderInput.Minimal()
            .Env("DAEMON_MAX_RESTARTS", "many")
            .File(DefaultPath, "daemon_typo = 1\ndaemon_poll_interval = \"0s\"")
            .Load();

        Assert.Equal(["daemon_typo", "daemon_poll_interval", "DAEMON_MAX_RESTARTS"], result.Problems.Select(p => p.Subject));
    }
}
