using Microsoft.Extensions.Logging;

namespace Wemixvisor.Cli;

/// <summary>Log lines of the configuration and the commands (event ids 2000-2099).</summary>
internal static partial class CliLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Configuration loaded for {DaemonName} in {Home} (config file: {ConfigFile})")]
    public static partial void ConfigurationLoaded(ILogger logger, string daemonName, string home, string configFile);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "{Notice}")]
    public static partial void SettingIgnored(ILogger logger, string notice);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug, Message = "Genesis binary {Destination}: {Outcome} (source {Source})")]
    public static partial void GenesisBinary(ILogger logger, string destination, string outcome, string source);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Debug, Message = "Link {Link} -> {Target}: {Outcome}")]
    public static partial void CurrentLink(ILogger logger, string link, string target, string outcome);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Debug, Message = "Upgrade {Upgrade} binary {Destination}: {Outcome} (source {Source})")]
    public static partial void UpgradeBinary(ILogger logger, string upgrade, string destination, string outcome, string source);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "wemixvisor {Version} starts {DaemonName} in {Home} with {ArgumentCount} node arguments")]
    public static partial void RunStarting(ILogger logger, string version, string daemonName, string home, int argumentCount);

    [LoggerMessage(EventId = 2090, Level = LogLevel.Error, Message = "Command {Command} failed with an internal error")]
    public static partial void InternalError(ILogger logger, string command, Exception exception);
}
