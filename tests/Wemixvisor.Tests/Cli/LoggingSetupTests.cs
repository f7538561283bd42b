using System.Text.Json;
using Microsoft.Extensions.Logging;
using NLog.Extensions.Logging;
using Wemixvisor.Cli;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Logging;

namespace Wemixvisor.Tests.Cli;

/// <summary>The shipped nlog.config, driven by the resolved options.</summary>
[Collection(CliCollection.Name)]
public sealed class LoggingSetupTests : IDisposable
{
    private readonly TempHome _temp = new();
    private readonly ILoggerFactory _loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddNLog());

    public void Dispose()
    {
        NLog.LogManager.Flush();
        LoggingSetup.Apply(NLog.LogLevel.Info, "text", "");
        _loggers.Dispose();
        _temp.Dispose();
    }

    private WemixvisorOptions Options(params (string Name, string Value)[] env)
    {
        var input = new Configuration.LoaderInput().Env("DAEMON_HOME", _temp.Home).Env("DAEMON_NAME", "gstable");
        foreach (var (name, value) in env)
        {
            input.Env(name, value);
        }
        return input.LoadValid().Options;
    }

    private string LogFile => Path.Combine(_temp.WemixvisorDir, "logs", "wemixvisor.log");

    private void Log(WemixvisorOptions options)
    {
        CliLog.RunStarting(_loggers.CreateLogger("Wemixvisor.Test"), "9.9.9", options.Name, options.Home, 2);
        CliLog.ConfigurationLoaded(_loggers.CreateLogger("Wemixvisor.Test"), options.Name, options.Home, "none");
        NLog.LogManager.Flush();
    }

    [Fact]
    public void Apply_HomeInitialised_WritesJsonLinesWithEventIdAndProperties()
    {
        // Arrange
        Directory.CreateDirectory(_temp.WemixvisorDir);
        var options = Options();

        // Act
        LoggingSetup.Apply(options);
        Log(options);

        // Assert: info is logged, debug (below the default level) is not.
        var line = Assert.Single(File.ReadAllLines(LogFile));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("info", root.GetProperty("level").GetString());
        Assert.Equal("Wemixvisor.Test", root.GetProperty("logger").GetString());
        Assert.Equal(2020, root.GetProperty("event_id").GetInt32());
        Assert.Equal($"wemixvisor 9.9.9 starts gstable in {_temp.Home} with 2 node arguments", root.GetProperty("message").GetString());
        Assert.Equal("gstable", root.GetProperty("properties").GetProperty("DaemonName").GetString());
        Assert.Equal(2, root.GetProperty("properties").GetProperty("ArgumentCount").GetInt32());
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("time").GetString(), out _));
    }

    [Fact]
    public void Apply_DebugLevel_LetsDebugLinesThrough()
    {
        Directory.CreateDirectory(_temp.WemixvisorDir);
        var options = Options(("WEMIXVISOR_LOG_LEVEL", "debug"));

        LoggingSetup.Apply(options);
        Log(options);

        Assert.Equal(2, File.ReadAllLines(LogFile).Length);
    }

    [Fact]
    public void Apply_DisableLogs_WritesNothing()
    {
        Directory.CreateDirectory(_temp.WemixvisorDir);
        var options = Options(("COSMOVISOR_DISABLE_LOGS", "true"));

        LoggingSetup.Apply(options);
        Log(options);

        Assert.False(File.Exists(LogFile), "disabled logs must not reach the log file");
    }

    [Fact]
    public void Apply_HomeNotInitialised_CreatesNoDirectory()
    {
        var options = Options();

        LoggingSetup.Apply(options);
        Log(options);

        Assert.False(Directory.Exists(_temp.Home), "logging must not create a home that does not exist");
    }

    [Fact]
    public void Apply_SetsTheVariablesOfTheShippedConfig()
    {
        Directory.CreateDirectory(_temp.WemixvisorDir);

        LoggingSetup.Apply(Options(("WEMIXVISOR_LOG_FORMAT", "json"), ("WEMIXVISOR_LOG_LEVEL", "warn")));

        var variables = NLog.LogManager.Configuration!.Variables;
        Assert.Equal("Warn", variables[LoggingSetup.MinLevelVariable].Render(NLog.LogEventInfo.CreateNullEvent()));
        Assert.Equal("json", variables[LoggingSetup.ConsoleFormatVariable].Render(NLog.LogEventInfo.CreateNullEvent()));
        Assert.Equal(Path.Combine(_temp.WemixvisorDir, "logs"), variables[LoggingSetup.LogDirectoryVariable].Render(NLog.LogEventInfo.CreateNullEvent()));
    }
}
