using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Wemixvisor.Core.Ports;

namespace Wemixvisor.IntegrationTests.Platform;

internal static class NodeExits
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>The node's exit, or a failed test after <see cref="Timeout"/>.</summary>
    public static Task<NodeExit> ExitAsync(this INodeProcess node) => node.Exited.Timeout(Timeout).ToTask();
}
