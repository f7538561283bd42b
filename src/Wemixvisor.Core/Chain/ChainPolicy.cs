namespace Wemixvisor.Core.Chain;

/// <summary>The settings of height-scheduled upgrades.</summary>
/// <param name="SwitchMargin">Blocks before the upgrade height at which the last validator switches.</param>
/// <param name="StaggerBlocks">Blocks between two validators' switch points.</param>
/// <param name="StallTimeout">A head that has not moved for this long near the switch point switches at once.</param>
/// <param name="ReadyTimeout">How long a new binary has to show it is ready before it is rolled back.</param>
public sealed record ChainPolicy(int SwitchMargin, int StaggerBlocks, TimeSpan StallTimeout, TimeSpan ReadyTimeout);
