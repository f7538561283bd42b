using Cocona;
using Wemixvisor.Core;

namespace Wemixvisor.Cli;

/// <summary>How a command ends on bad input: one message on stderr and exit code 2.</summary>
public static class CliErrors
{
    public const string Prefix = "error: ";

    /// <summary>Throw the result: Cocona writes the message to stderr and exits with <see cref="ExitCodes.InvalidConfiguration"/>.</summary>
    public static CommandExitedException InvalidUsage(string message) =>
        new(Prefix + message, ExitCodes.InvalidConfiguration);
}
