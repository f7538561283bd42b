using Microsoft.Extensions.Hosting;

namespace Wemixvisor.Cli;

/// <summary>
/// A host lifetime that does nothing. The default console lifetime turns SIGINT/SIGTERM/SIGQUIT into a stop
/// of the host, which would cancel <c>run</c> while it still stops the node; signals are the supervisor's to handle.
/// </summary>
public sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
