using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Tests.Configuration;

/// <summary>flags &gt; environment &gt; config file &gt; defaults, for every setting the file may hold.</summary>
public sealed class PrecedenceTests
{
    private const string ConfigPath = "/etc/wemixvisor/config.toml";

    /// <summary>Three valid values per setting (file, env, flag) and how each is shown once resolved.</summary>
    private static readonly Dictionary<Setting, (string Raw, string Shown)[]> Samples = new()
    {
        [Settings.Home] = [("/f/home", "/f/home"), ("/e/home", "/e/home"), ("/g/home", "/g/home")],
        [Settings.Name] = [("fnode", "fnode"), ("enode", "enode"), ("gnode", "gnode")],
        [Settings.DataDir] = [("/f/data", "/f/data"), ("/e/data", "/e/data"), ("/g/data", "/g/data")],
        [Settings.PollInterval] = [("1s", "1s"), ("2000ms", "2s"), ("3s", "3s")],
        [Settings.ShutdownGrace] = [("10s", "10s"), ("20s", "20s"), ("90s", "1m30s")],
        [Settings.RestartAfterUpgrade] = [("false", "false"), ("TRUE", "true"), ("False", "false")],
        [Settings.RestartDelay] = [("1s", "1s"), ("2s", "2s"), ("3s", "3s")],
        [Settings.RestartOnFailure] = [("false", "false"), ("true", "true"), ("false", "false")],
        [Settings.MaxRestarts] = [("1", "1"), ("2", "2"), ("3", "3")],
        [Settings.RestartBackoff] = [("4s", "4s"), ("5s", "5s"), ("6s", "6s")],
        [Settings.UnsafeSkipBackup] = [("true", "true"), ("false", "false"), ("true", "true")],
        [Settings.BackupDir] = [("/f/bk", "/f/bk"), ("/e/bk", "/e/bk"), ("/g/bk", "/g/bk")],
        [Settings.BackupKeep] = [("4", "4"), ("5", "5"), ("6", "6")],
        [Settings.PreUpgradeMaxRetries] = [("1", "1"), ("2", "2"), ("3", "3")],
        [Settings.PreUpgradeTimeout] = [("1m", "1m0s"), ("2m", "2m0s"), ("3m", "3m0s")],
        [Settings.PreUpgradeBinary] = [("true", "true"), ("false", "false"), ("true", "true")],
        [Settings.CustomPreUpgrade] = [("/f/hook", "/f/hook"), ("/e/hook", "/e/hook"), ("/g/hook", "/g/hook")],
        [Settings.LogFormat] = [("json", "json"), ("text", "text"), ("json", "json")],
        [Settings.LogLevel] = [("debug", "debug"), ("warn", "warn"), ("error", "error")],
        [Settings.DisableLogs] = [("true", "true"), ("false", "false"), ("true", "true")],
        [Settings.NodeRpc] = [("/f/node.ipc", "/f/node.ipc"), ("http://127.0.0.1:8545", "http://127.0.0.1:8545"), ("https://node:8545", "https://node:8545")],
        [Settings.RpcTimeout] = [("1s", "1s"), ("3s", "3s"), ("500ms", "500ms")],
        [Settings.HeightPoll] = [("2s", "2s"), ("3s", "3s"), ("250ms", "250ms")],
        [Settings.SwitchMargin] = [("5", "5"), ("6", "6"), ("7", "7")],
        [Settings.StaggerBlocks] = [("1", "1"), ("2", "2"), ("3", "3")],
        [Settings.StallTimeout] = [("10s", "10s"), ("20s", "20s"), ("40s", "40s")],
        [Settings.ReadyTimeout] = [("1m", "1m0s"), ("3m", "3m0s"), ("90s", "1m30s")],
        [Settings.MetricsAddr] = [("127.0.0.1:9650", "127.0.0.1:9650"), ("[::1]:9651", "[::1]:9651"), ("localhost:9652", "localhost:9652")],
        [Settings.MetricsAllowRemote] = [("true", "true"), ("false", "false"), ("TRUE", "true")],
        [Settings.WebhookUrl] = [("http://a/x", "http://a/x"), ("https://b/y, http://c/z", "https://b/y,http://c/z"), ("http://d:8080/", "http://d:8080/")],
        [Settings.AllowDownloadBinaries] = [("true", "true"), ("false", "false"), ("true", "true")],
        [Settings.DownloadMustHaveChecksum] = [("false", "false"), ("true", "true"), ("false", "false")],
        [Settings.AllowInsecureDownload] = [("true", "true"), ("false", "false"), ("true", "true")],
        [Settings.DownloadMaxSize] = [("1048576", "1MiB"), ("500MiB", "500MiB"), ("3gib", "3GiB")],
    };

    public static TheoryData<string> FileSettings => new(Settings.All.Where(s => s.AllowedInFile).Select(s => s.Variable));

    [Fact]
    public void Samples_CoverEverySettingTheFileMayHold()
    {
        Assert.Equal(Settings.All.Where(s => s.AllowedInFile), Samples.Keys);
    }

    [Theory]
    [MemberData(nameof(FileSettings))]
    public void Load_EachSource_OverridesTheOnesBelowIt(string variable)
    {
        var setting = Settings.All.Single(s => s.Variable == variable);
        var (file, env, flag) = (Samples[setting][0], Samples[setting][1], Samples[setting][2]);

        // Default only (the required settings have no default and come from elsewhere).
        if (setting != Settings.Home && setting != Settings.Name)
        {
            var none = Build(setting, withFile: false, withEnv: false, withFlag: false).LoadValid()[setting];
            Assert.Equal(SettingSource.Default, none.Source);
        }

        var fromFile = Build(setting, withFile: true, withEnv: false, withFlag: false).LoadValid()[setting];
        Assert.Equal((file.Shown, SettingSource.File, $"{ConfigPath}:2"), (fromFile.Value, fromFile.Source, fromFile.Origin));

        var fromEnv = Build(setting, withFile: true, withEnv: true, withFlag: false).LoadValid()[setting];
        Assert.Equal((env.Shown, SettingSource.Env, variable), (fromEnv.Value, fromEnv.Source, fromEnv.Origin));

        var fromFlag = Build(setting, withFile: true, withEnv: true, withFlag: true).LoadValid()[setting];
        Assert.Equal((flag.Shown, SettingSource.Flag, setting.FlagText), (fromFlag.Value, fromFlag.Source, fromFlag.Origin));

        var flagOverFile = Build(setting, withFile: true, withEnv: false, withFlag: true).LoadValid()[setting];
        Assert.Equal(SettingSource.Flag, flagOverFile.Source);
    }

    private static LoaderInput Build(Setting setting, bool withFile, bool withEnv, bool withFlag)
    {
        var input = new LoaderInput().Env("WEMIXVISOR_CONFIG", ConfigPath);
        foreach (var required in new[] { Settings.Home, Settings.Name })
        {
            if (required != setting)
            {
                input.Env(required.Variable, required == Settings.Home ? "/base" : "base");
            }
        }
        var samples = Samples[setting];
        // Line 1 is a comment, so the value sits on line 2.
        input.File(ConfigPath, withFile ? $"# wemixvisor\n{setting.FileKey} = \"{samples[0].Raw}\"\n" : "# empty\n");
        if (withEnv)
        {
            input.Env(setting.Variable, samples[1].Raw);
        }
        if (withFlag)
        {
            input.Flag(setting.Flag, samples[2].Raw);
        }
        return input;
    }

    [Fact]
    public void Load_ConfigFlag_BeatsConfigVariable()
    {
        // Arrange
        var input = LoaderInput.Minimal()
            .Env("WEMIXVISOR_CONFIG", "/etc/a.toml")
            .Flag("config", "/etc/b.toml")
            .File("/etc/a.toml", "daemon_max_restarts = 1\n")
            .File("/etc/b.toml", "daemon_max_restarts = 2\n");

        // Act
        var loaded = input.LoadValid();

        // Assert
        Assert.Equal(2, loaded.Options.MaxRestarts);
        Assert.Equal("/etc/b.toml", loaded.Options.ConfigFile);
        Assert.Equal(("/etc/b.toml", SettingSource.Flag, "--config"),
            (loaded[Settings.Config].Value, loaded[Settings.Config].Source, loaded[Settings.Config].Origin));
        Assert.DoesNotContain("/etc/a.toml", input.FilesRead);
    }
}
