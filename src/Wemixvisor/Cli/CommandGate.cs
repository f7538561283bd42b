using Cocona;
using Cocona.Application;
using Cocona.Command.Binder;
using Cocona.Filters;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core;

namespace Wemixvisor.Cli;

/// <summary>
/// Keeps wemixvisor's exit codes documented around Cocona's own: records whether a command method was
/// reached, turns argument-binding errors into exit code 2, and reports unexpected exceptions as one line
/// (the full exception goes to the log) with exit code 1.
/// </summary>
public sealed class CommandGate(ICoconaConsoleProvider console, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("Wemixvisor.Cli");

    public bool CommandReached { get; private set; }

    private readonly CommandCatalog _catalog = new(WemixvisorApp.CommandTypes);

    public async ValueTask<int> InvokeAsync(CoconaCommandExecutingContext context, CommandExecutionDelegate next)
    {
        CommandReached = true;
        var name = _catalog.QualifiedName(context.Command.CommandType, context.Command.Name);
        try
        {
            return await next(context);
        }
        catch (ParameterBinderException e)
        {
            console.Error.WriteLine($"{CliErrors.Prefix}{Describe(e)}; see 'wemixvisor {name} --help'");
            return ExitCodes.InvalidConfiguration;
        }
        catch (Exception e) when (e is not (CommandExitedException or OperationCanceledException))
        {
            CliLog.InternalError(_logger, name, e);
            console.Error.WriteLine($"{CliErrors.Prefix}internal error in '{name}': {e.GetType().Name}: {e.Message}");
            return ExitCodes.InternalError;
        }
    }

    private static string Describe(ParameterBinderException e) => e.Result switch
    {
        ParameterBinderResult.InsufficientArgument => $"the argument <{e.Argument?.Name}> is missing",
        ParameterBinderResult.InsufficientOption => $"the option --{e.Option?.Name} is required",
        ParameterBinderResult.InsufficientOptionValue => $"the option --{e.Option?.Name} needs a value",
        _ => e.Message,
    };

    /// <summary>
    /// The exit code to report once Cocona finished. When no command method was reached, Cocona itself
    /// ended the run: 129 after help (a success for us) or an unknown option, 1 for an unknown command or
    /// an unknown sub-command of a group in <paramref name="groupNames"/> — usage errors, reported as 2.
    /// </summary>
    public int FinalExitCode(int coconaExitCode, IReadOnlyList<string> commandLine, IReadOnlySet<string> commandNames, IReadOnlySet<string>? groupNames = null)
    {
        if (CommandReached || coconaExitCode == 0)
        {
            return coconaExitCode;
        }
        var helpRequested = commandLine.Any(arg => arg is "--help" or "-h");
        if (coconaExitCode == 129)
        {
            return helpRequested ? ExitCodes.Success : ExitCodes.InvalidConfiguration;
        }
        var unknownCommand = commandLine.Count > 0 && !commandLine[0].StartsWith('-') && !commandNames.Contains(commandLine[0]);
        unknownCommand |= commandLine.Count > 1 && groupNames?.Contains(commandLine[0]) == true && !commandLine[1].StartsWith('-');
        return unknownCommand ? ExitCodes.InvalidConfiguration : coconaExitCode;
    }
}
