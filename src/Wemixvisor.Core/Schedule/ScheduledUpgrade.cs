using Wemixvisor.Core.Downloads;
using Wemixvisor.Core.Layout;

namespace Wemixvisor.Core.Schedule;

/// <summary>One upgrade of the schedule: apply <paramref name="Name"/> before block <paramref name="Height"/>.</summary>
/// <param name="Reason">Why it failed or was rolled back; required for those statuses.</param>
/// <param name="UpdatedAt">When the entry was added or its status last changed.</param>
/// <param name="Source">Where its binary can be downloaded (<c>url</c> and <c>checksum</c> in the file); null when it is installed by hand.</param>
public sealed record ScheduledUpgrade(UpgradeName Name, long Height, ScheduleStatus Status, string? Reason, DateTimeOffset? UpdatedAt, BinarySource? Source = null)
{
    public override string ToString() =>
        $"{Name}@{Height} {ScheduleStatuses.Text(Status)}" + (Reason is null ? "" : $" ({Reason})");
}
