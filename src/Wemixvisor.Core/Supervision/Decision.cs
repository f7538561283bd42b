using System.Collections.Immutable;

namespace Wemixvisor.Core.Supervision;

/// <summary>The outcome of one event: the next state, the commands to run, and why the event changed nothing when it did not apply.</summary>
public sealed record Decision(SupervisorState State, ImmutableArray<SupervisorCommand> Commands, string? IgnoredBecause = null)
{
    public bool Ignored => IgnoredBecause is not null;

    public static Decision Ignore(SupervisorState state, string because) => new(state, [], because);
}
