namespace Wemixvisor.Core.Supervision;

/// <summary>Identifies one started timer, so that a timer from an earlier wait is recognised as stale.</summary>
public readonly record struct TimerId(long Sequence)
{
    public override string ToString() => $"#{Sequence}";
}
