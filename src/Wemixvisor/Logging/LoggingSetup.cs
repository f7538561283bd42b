using NLog;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Layout;

namespace Wemixvisor.Logging;

/// <summary>
/// Applies the logging settings to the shipped <c>nlog.config</c> through its variables: the lowest level
/// (<c>Off</c> when logs are disabled), the console format and the directory of the JSON-lines log file.
/// The file is only written once <c>$DAEMON_HOME/wemixvisor</c> exists, so that a mistyped home is never
/// created just to hold a log; call <see cref="Apply(WemixvisorOptions)"/> again after creating it.
/// </summary>
public static class LoggingSetup
{
    public const string MinLevelVariable = "minLevel";
    public const string ConsoleFormatVariable = "consoleFormat";
    public const string LogDirectoryVariable = "logDir";

    public static void Apply(WemixvisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var layout = HomeLayout.From(options);
        Apply(
            options.DisableLogs ? LogLevel.Off : ToNLog(options.LogLevel),
            options.LogFormat == LogFormat.Json ? "json" : "text",
            Directory.Exists(layout.Root) ? layout.LogsDir : "");
    }

    /// <param name="logDirectory">Where the JSON-lines file goes; empty for no file.</param>
    public static void Apply(LogLevel minLevel, string consoleFormat, string logDirectory)
    {
        var configuration = LogManager.Configuration;
        if (configuration is null)
        {
            return; // No nlog.config next to the executable: nothing to adjust.
        }
        configuration.Variables[MinLevelVariable] = minLevel.Name;
        configuration.Variables[ConsoleFormatVariable] = consoleFormat;
        configuration.Variables[LogDirectoryVariable] = logDirectory;
        LogManager.ReconfigExistingLoggers();
    }

    public static LogLevel ToNLog(LogLevelSetting level) => level switch
    {
        LogLevelSetting.Trace => LogLevel.Trace,
        LogLevelSetting.Debug => LogLevel.Debug,
        LogLevelSetting.Info => LogLevel.Info,
        LogLevelSetting.Warn => LogLevel.Warn,
        LogLevelSetting.Error => LogLevel.Error,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}
