using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Ports;

/// <summary>Keeps what happened to each upgrade in the schedule file, where <c>status</c> and <c>schedule list</c> show it.</summary>
public interface IUpgradeResults
{
    /// <summary>Records <paramref name="status"/> for <paramref name="upgrade"/> (adding an entry for an upgrade from the trigger). Throws <see cref="UpgradeResultException"/>, <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot.</summary>
    void Record(UpgradeInfo upgrade, ScheduleStatus status, string? reason, DateTimeOffset at);
}

/// <summary>The schedule file refused the result (it is unusable, or the entry clashes with another).</summary>
public sealed class UpgradeResultException(string message) : Exception(message);
