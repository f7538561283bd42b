using System.Reactive.Linq;

namespace Wemixvisor.Core.Supervision;

public static class TransitionExtensions
{
    /// <summary>The exit code the last transition decided; 1 when the transitions ended without one.</summary>
    public static IObservable<int> ExitCode(this IObservable<Transition> transitions) =>
        transitions.SelectMany(t => t.Decision.Commands.OfType<SupervisorCommand.Exit>())
            .Select(exit => exit.Code)
            .DefaultIfEmpty(ExitCodes.InternalError)
            .LastAsync();
}
