using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Platform.Downloads;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Hosting;

/// <summary>
/// Starts the download of the next height-scheduled upgrade's binary as soon as the schedule names it with a URL,
/// not only when its switch is due: the preflight runs near the height, the binary should be there long before.
/// </summary>
internal sealed class ScheduledDownloads(BinaryDownloads downloads, HomeLayout layout) : IObserver<Transition>
{
    private UpgradeInfo? _last;

    public void OnNext(Transition value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var next = value.To.NextScheduled;
        if (next is null || next.Info.Length == 0 || next == _last)
        {
            return;
        }
        _last = next;
        if (Libc.KindOf(layout.UpgradeBinary(next.Name), followLinks: false) == FileKind.Missing)
        {
            downloads.Problem(next, out _);
        }
    }

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }
}
