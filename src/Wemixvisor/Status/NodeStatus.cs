using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Processes;

namespace Wemixvisor.Status;

/// <summary>The node as <c>node.json</c> records it, checked against <c>/proc</c>.</summary>
/// <param name="Alive">The recorded process still runs (same pid and start time, not a zombie).</param>
/// <param name="Uptime">How long it has run; null when it is not alive or the clock cannot be read.</param>
internal sealed record NodeStatus(int Pid, bool Alive, TimeSpan? Uptime)
{
    /// <summary>The recorded node, or null when no node is recorded (none was started, or the last one exited).</summary>
    public static NodeStatus? Read(HomeLayout layout)
    {
        if (new NodeRecordStore(layout).Load() is not { } record)
        {
            return null;
        }
        var alive = record.IsAlive();
        return new NodeStatus(record.Pid, alive, alive ? ProcessAge.Of(record.StartTime) : null);
    }
}
