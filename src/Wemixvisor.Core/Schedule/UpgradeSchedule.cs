using System.Diagnostics.CodeAnalysis;
using Wemixvisor.Core.Downloads;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Schedule;

/// <summary>
/// The upgrades an operator scheduled at block heights, in height order. Every instance keeps the rules:
/// heights greater than 0 and strictly increasing, names unique, a reason on every failed or rolled-back
/// entry. Two schedules are equal when they hold equal entries in the same order.
/// </summary>
public sealed record UpgradeSchedule
{
    public static readonly UpgradeSchedule Empty = new([]);

    private UpgradeSchedule(ScheduledUpgrade[] entries) => Entries = entries;

    /// <summary>The entries in increasing height order.</summary>
    public IReadOnlyList<ScheduledUpgrade> Entries { get; }

    /// <summary>
    /// A schedule of <paramref name="entries"/> as given (they must already be in increasing height order),
    /// or the first broken rule, naming the entry as <c>upgrades[index] (name)</c>.
    /// </summary>
    public static bool TryCreate(
        IEnumerable<ScheduledUpgrade> entries,
        [NotNullWhen(true)] out UpgradeSchedule? schedule,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToArray();
        schedule = null;
        var seen = new Dictionary<UpgradeName, int>();
        for (var index = 0; index < list.Length; index++)
        {
            var entry = list[index] ?? throw new ArgumentException($"entry {index} is null", nameof(entries));
            var label = Label(index, entry.Name);
            if (entry.Height <= 0)
            {
                error = $"{label}: height must be greater than 0, not {entry.Height}";
                return false;
            }
            if (ScheduleStatuses.NeedsReason(entry.Status) && string.IsNullOrWhiteSpace(entry.Reason))
            {
                error = $"{label}: status {ScheduleStatuses.Text(entry.Status)} needs a reason";
                return false;
            }
            if (seen.TryGetValue(entry.Name, out var first))
            {
                error = $"{label}: the name is also the name of upgrades[{first}]; every upgrade is scheduled once";
                return false;
            }
            seen.Add(entry.Name, index);
            if (index > 0 && entry.Height <= list[index - 1].Height)
            {
                var previous = list[index - 1];
                error = $"{label}: height {entry.Height} is not above the height {previous.Height} of {Label(index - 1, previous.Name)}; heights must be strictly increasing";
                return false;
            }
        }
        schedule = new UpgradeSchedule(list);
        error = null;
        return true;
    }

    public ScheduledUpgrade? Find(UpgradeName name) => Entries.FirstOrDefault(entry => entry.Name == name);

    /// <summary>The pending entries that are still ahead of <paramref name="applied"/>: another name and a greater height, in height order.</summary>
    public IReadOnlyList<ScheduledUpgrade> Pending(AppliedUpgrade applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        return Entries
            .Where(entry => entry.Status == ScheduleStatus.Pending && entry.Name != applied.Name && entry.Height > applied.Height)
            .ToArray();
    }

    /// <summary>
    /// Schedules <paramref name="name"/> at <paramref name="height"/> as pending. A failed or rolled-back entry of that name
    /// is replaced (this is how it is retried); a pending or applied one, a height taken by another entry, a height not above
    /// <paramref name="applied"/>, or the applied upgrade's own name are refused.
    /// </summary>
    /// <param name="source">Where the binary can be downloaded, or null when it is installed by hand.</param>
    public ScheduleEdit Add(UpgradeName name, long height, AppliedUpgrade applied, DateTimeOffset at, BinarySource? source = null)
    {
        ArgumentNullException.ThrowIfNull(applied);
        if (height <= 0)
        {
            return new ScheduleEdit.Refused($"height must be greater than 0, not {height}");
        }
        if (applied.Name == name)
        {
            return new ScheduleEdit.Refused($"upgrade {name} is the applied upgrade (at height {applied.Height}); it cannot be scheduled again");
        }
        if (height <= applied.Height)
        {
            return new ScheduleEdit.Refused(
                $"height {height} is not above the applied upgrade {applied.Name} at height {applied.Height}; wemixvisor never downgrades");
        }
        var existing = Find(name);
        switch (existing?.Status)
        {
            case ScheduleStatus.Pending:
                return new ScheduleEdit.Refused(
                    $"upgrade {name} is already scheduled at height {existing.Height}; to move it, cancel it first with: wemixvisor schedule cancel {name}");
            case ScheduleStatus.Applied:
                return new ScheduleEdit.Refused($"upgrade {name} was applied already (scheduled at height {existing.Height}); give the new upgrade another name");
        }
        var others = Entries.Where(entry => entry.Name != name).ToList();
        if (others.FirstOrDefault(entry => entry.Height == height) is { } clash)
        {
            return new ScheduleEdit.Refused(
                $"height {height} is taken by upgrade {clash.Name} ({ScheduleStatuses.Text(clash.Status)}); heights must be strictly increasing, one upgrade per height");
        }
        others.Add(new ScheduledUpgrade(name, height, ScheduleStatus.Pending, null, at, source));
        return Edited(others.OrderBy(entry => entry.Height));
    }

    /// <summary>Removes the entry of <paramref name="name"/>, whatever its status.</summary>
    public ScheduleEdit Cancel(UpgradeName name) =>
        Find(name) is null
            ? NotScheduled(name)
            : Edited(Entries.Where(entry => entry.Name != name));

    /// <summary>Records what happened to <paramref name="name"/>: its new status, the reason (required for failed and rolled back) and the time.</summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> needs a reason and <paramref name="reason"/> is empty.</exception>
    public ScheduleEdit WithResult(UpgradeName name, ScheduleStatus status, string? reason, DateTimeOffset at)
    {
        if (ScheduleStatuses.NeedsReason(status) && string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException($"status {ScheduleStatuses.Text(status)} needs a reason", nameof(reason));
        }
        return Find(name) is null
            ? NotScheduled(name)
            : Edited(Entries.Select(entry => entry.Name == name ? entry with { Status = status, Reason = reason, UpdatedAt = at } : entry));
    }

    /// <summary>
    /// Records what happened to an upgrade that ran: <see cref="WithResult"/> for a scheduled one, a new entry for one
    /// that came from the trigger (so that a failure is remembered and not retried).
    /// </summary>
    public ScheduleEdit Recording(UpgradeName name, long height, ScheduleStatus status, string? reason, DateTimeOffset at) =>
        Find(name) is not null
            ? WithResult(name, status, reason, at)
            : Edited(Entries.Append(new ScheduledUpgrade(name, height, status, reason, at)).OrderBy(entry => entry.Height));

    public bool Equals(UpgradeSchedule? other) =>
        ReferenceEquals(this, other) || (other is not null && Entries.SequenceEqual(other.Entries));

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in Entries)
        {
            hash.Add(entry);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => Entries.Count == 0 ? "(empty schedule)" : string.Join(", ", Entries);

    private static ScheduleEdit Edited(IEnumerable<ScheduledUpgrade> entries) =>
        TryCreate(entries, out var schedule, out var error)
            ? new ScheduleEdit.Done(schedule)
            : new ScheduleEdit.Refused(error);

    private static ScheduleEdit.Refused NotScheduled(UpgradeName name) => new($"no upgrade named {name} is scheduled");

    private static string Label(int index, UpgradeName name) => $"upgrades[{index}] ({name})";
}
