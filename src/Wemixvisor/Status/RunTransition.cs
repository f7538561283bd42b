namespace Wemixvisor.Status;

/// <summary>One supervisor transition: when, from which phase to which, and on what event.</summary>
internal sealed record RunTransition(DateTimeOffset At, string From, string To, string Event);
