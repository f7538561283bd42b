using System.Text.Json;
using Microsoft.Extensions.Logging;
using NLog.Extensions.Logging;
using Wemixvisor.Cli;
using Wemixvisor.Core.Configuration;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Logging;
using Wemixvisor.Tests.Cli;

namespace Wemixvisor.IntegrationTests.Cli;

/// <summary>The shipped nlog.config, driven by the resolved options.</summary>
[Collection(CliCollection.Name)]
public sealed class LoggingSetupTests : IDisposable
{
    private readonly TempHome _temp = CliHome.NewHome();
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
        var environment = new Dictionary<string, string>(_temp.Environment);
        foreach (var (name, value) in env)
        {
            environment[name] = value;
        }
        var result = ConfigurationLoader.Load(new ConfigurationInput { Environment = environment, WorkingDirectory = _temp.Root, ReadFile = File.ReadAllText });
        Assert.True(result.IsValid, "expected a valid configuration, got: " + string.Join(" | ", result.Problems));
        return result.Loaded!.Options;
    }

    private string LogFile => Path.Combine(_temp.Layout.Root, "logs", "wemixvisor.log");

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
        Directory.CreateDirectory(_temp.Layout.Root);
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
        Directory.CreateDirectory(_temp.Layout.Root);
        var options = Options(("WEMIXVISOR_LOG_LEVEL", "debug"));

        LoggingSetup.Apply(options);
        Log(options);

        Assert.Equal(2, File.ReadAllLines(LogFile).Length);
    }

    [Fact]
    public void Apply_DisableLogs_WritesNothing()
    {
        Directory.CreateDirectory(_temp.Layout.Root);
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
        Directory.CreateDirectory(_temp.Layout.Root);

        LoggingSetup.Apply(Options(("WEMIXVISOR_LOG_FORMAT", "json"), ("WEMIXVISOR_LOG_LEVEL", "warn")));

        var variables = NLog.LogManager.Configuration!.Variables;
        Assert.Equal("Warn", variables[LoggingSetup.MinLevelVariable].Render(NLog.LogEventInfo.CreateNullEvent()));
        Assert.Equal("json", variables[LoggingSetup.ConsoleFormatVariable].Render(NLog.LogEventInfo.CreateNullEvent()));
        Assert.Equal(Path.Combine(_temp.Layout.Root, "logs"), variables[LoggingSetup.LogDirectoryVariable].Render(NLog.LogEventInfo.CreateNullEvent()));
    }
}
