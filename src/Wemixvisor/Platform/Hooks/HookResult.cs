namespace Wemixvisor.Platform.Hooks;

/// <summary>How a hook run ended.</summary>
internal abstract record HookResult
{
    private HookResult() { }

    /// <summary>The hook ended by itself. A hook killed by signal N reports 128+N.</summary>
    public sealed record Exited(int ExitCode) : HookResult;

    /// <summary>The hook was still running at its deadline; its process group was killed.</summary>
    public sealed record TimedOut(TimeSpan Timeout) : HookResult;
}
