using Cocona;
using Wemixvisor.Core;

namespace Wemixvisor.Cli;

/// <summary>How a command ends on bad input (exit code 2) or when another wemixvisor uses the home (exit code 4): one message on stderr.</summary>
public static class CliErrors
{
    public const string Prefix = "error: ";

    /// <summary>Throw the result: Cocona writes the message to stderr and exits with <see cref="ExitCodes.InvalidConfiguration"/>.</summary>
    public static CommandExitedException InvalidUsage(string message) =>
        new(Prefix + message, ExitCodes.InvalidConfiguration);

    /// <summary>Throw the result: Cocona writes the message to stderr and exits with <see cref="ExitCodes.AlreadyRunning"/>.</summary>
    public static CommandExitedException AlreadyRunning(string message) =>
        new(Prefix + message, ExitCodes.AlreadyRunning);
}
