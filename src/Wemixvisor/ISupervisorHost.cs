using Wemixvisor.Core.Configuration;

namespace Wemixvisor;

/// <summary>
/// Runs the supervisor for <c>wemixvisor run</c> once the options are valid and logging is configured:
/// starts the node with the node arguments, supervises and upgrades it, and returns the exit code
/// wemixvisor ends with.
/// </summary>
public interface ISupervisorHost
{
    Task<int> RunAsync(WemixvisorOptions options, IReadOnlyList<string> nodeArgs, CancellationToken ct);
}
