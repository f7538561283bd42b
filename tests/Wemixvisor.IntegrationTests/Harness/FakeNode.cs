using System.Text;

namespace Wemixvisor.IntegrationTests.Harness;

/// <summary>How a fake node reacts to TERM, INT and QUIT.</summary>
public enum OnStopSignal
{
    /// <summary>Records the signal and exits with <see cref="FakeNode.ExitCodeOnSignal"/>.</summary>
    Exit,

    /// <summary>Records the signal and keeps running (only SIGKILL ends it).</summary>
    Ignore,
}

/// <summary>
/// A node for tests: a bash script that records what happens to it in the home's timeline
/// (<see cref="Timeline"/>). By default it runs until TERM/INT/QUIT (recorded, then exit 0) and only
/// records HUP. Every process it starts carries <c>WEMIXVISOR_TEST_HOME</c> so tests can find and reap them.
/// </summary>
public sealed record FakeNode(string Label)
{
    public const string HomeMarkerVariable = "WEMIXVISOR_TEST_HOME";

    /// <summary>Exit with this code right after starting.</summary>
    public int? ExitCodeAtStart { get; init; }

    /// <summary>Kill itself with this signal (e.g. "TERM") right after starting.</summary>
    public string? KillSelfWith { get; init; }

    public OnStopSignal OnStop { get; init; } = OnStopSignal.Exit;

    public int ExitCodeOnSignal { get; init; }

    /// <summary>Start a background child that records the signals it gets (lines <c>&lt;label&gt; grandchild …</c>).</summary>
    public bool StartsGrandchild { get; init; }

    /// <summary>Write this text to <see cref="TriggerPath"/> right after starting.</summary>
    public string? TriggerJson { get; init; }

    public string? TriggerPath { get; init; }

    /// <summary>Bash lines run after the traps are set and before the main loop.</summary>
    public string ExtraScript { get; init; } = "";

    public string Script(string home, string timelinePath)
    {
        var stopAction = OnStop == OnStopSignal.Exit ? $"; stop {ExitCodeOnSignal}" : "";
        var script = new StringBuilder();
        script.AppendLine("#!/usr/bin/env bash");
        script.AppendLine($"export {HomeMarkerVariable}={Quote(home)}");
        script.AppendLine($"timeline={Quote(timelinePath)}");
        script.AppendLine($"note() {{ printf '%s %s\\n' {Quote(Label)} \"$*\" >> \"$timeline\"; }}");
        script.AppendLine("note \"start pid=$$ args=$*\"");
        script.AppendLine("for argument in \"$@\"; do note \"arg <$argument>\"; done");
        script.AppendLine("note \"cwd=$PWD\"");
        script.AppendLine("sleeper=");
        script.AppendLine("grandchild=");
        // A well-behaved node: on a stop signal it waits for its child (which got the signal too) before exiting.
        script.AppendLine("stop() { [ -n \"$sleeper\" ] && kill \"$sleeper\" 2>/dev/null; [ -n \"$grandchild\" ] && wait \"$grandchild\"; note \"exit $1\"; exit \"$1\"; }");
        script.AppendLine("trap 'note \"signal HUP\"' HUP");
        foreach (var signal in new[] { "INT", "QUIT", "TERM" })
        {
            script.AppendLine($"trap 'note \"signal {signal}\"{stopAction}' {signal}");
        }
        if (StartsGrandchild)
        {
            script.AppendLine("(");
            script.AppendLine("  trap 'note \"grandchild signal HUP\"' HUP");
            foreach (var signal in new[] { "INT", "QUIT", "TERM" })
            {
                script.AppendLine($"  trap 'note \"grandchild signal {signal}\"; kill $pause 2>/dev/null; exit 0' {signal}");
            }
            script.AppendLine("  note \"grandchild start pid=$BASHPID\"");
            script.AppendLine("  while :; do sleep 1000 & pause=$!; wait $pause; done");
            script.AppendLine(") &");
            script.AppendLine("grandchild=$!");
        }
        if (TriggerJson is { } json)
        {
            var path = TriggerPath ?? throw new InvalidOperationException("TriggerPath is required with TriggerJson");
            script.AppendLine($"printf '%s' {Quote(json)} > {Quote(path)}");
            script.AppendLine("note \"wrote trigger\"");
        }
        script.AppendLine(ExtraScript);
        if (KillSelfWith is { } signalName)
        {
            script.AppendLine($"note \"killing self with {signalName}\"");
            script.AppendLine($"trap - {signalName}; kill -{signalName} $$");
        }
        if (ExitCodeAtStart is { } code)
        {
            script.AppendLine($"note \"exit {code}\"; exit {code}");
        }
        script.AppendLine("while :; do sleep 1000 & sleeper=$!; wait \"$sleeper\"; done");
        return script.ToString();
    }

    /// <summary>A bash single-quoted word.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
