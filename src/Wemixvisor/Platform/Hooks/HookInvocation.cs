namespace Wemixvisor.Platform.Hooks;

/// <summary>One run of a pre-upgrade hook: a program with an argument list (never a shell string).</summary>
/// <param name="Tag">Names the hook in every log line of its output (for example <c>custom-pre-upgrade</c>).</param>
/// <param name="Environment">Set on top of wemixvisor's own environment.</param>
internal sealed record HookInvocation(
    string Tag,
    string Program,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan Timeout);
