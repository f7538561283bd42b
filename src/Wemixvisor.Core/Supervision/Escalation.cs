namespace Wemixvisor.Core.Supervision;

/// <summary>How far the stop has escalated: TERM (or the operator's signal) → grace → QUIT → 5 s → KILL.</summary>
public enum Escalation
{
    Graceful,
    Quit,
    Killed,
}
