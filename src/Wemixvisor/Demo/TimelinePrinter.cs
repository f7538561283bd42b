using Wemixvisor.Core.Supervision;
using static Wemixvisor.Core.Supervision.SupervisorEvent;

namespace Wemixvisor.Demo;

/// <summary>Prints the supervisor's transitions that tell the story of an upgrade as short, readable lines.</summary>
internal sealed class TimelinePrinter(TextWriter output, DateTimeOffset start) : IObserver<Transition>
{
    public void OnNext(Transition transition)
    {
        if (Describe(transition) is { } line)
        {
            output.WriteLine($"  {(transition.At - start).TotalSeconds,6:0.00}s  {line}");
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    private static string? Describe(Transition transition)
    {
        if (transition.Decision.Commands.OfType<SupervisorCommand.Exit>().FirstOrDefault() is { } exit)
        {
            return $"wemixvisor exits with code {exit.Code}: {exit.Reason}";
        }
        return transition.Event switch
        {
            NodeStarted s => $"node started (pid {s.Pid}) from {transition.To.Applied}",
            NodeExited x => $"node exited ({x.Exit})",
            TriggerChecked { File: Core.Upgrades.TriggerFile.Valid v } when transition.Decision.Commands.Any(c => c is SupervisorCommand.RunPreflight) =>
                $"upgrade {v.Upgrade.Name} at height {v.Upgrade.Height} is pending",
            TriggerObserved { File: Core.Upgrades.TriggerFile.Valid v } when transition.Decision.Commands.Any(c => c is SupervisorCommand.RunPreflight) =>
                $"upgrade {v.Upgrade.Name} at height {v.Upgrade.Height} detected",
            PreflightPassed p => $"preflight of {p.Upgrade.Name} passed (binary in place)",
            JobFinished f => $"{f.Job}: {f.Outcome switch
            {
                Core.Ports.JobOutcome.Succeeded s => s.Detail,
                Core.Ports.JobOutcome.Skipped s => "skipped, " + s.Reason,
                Core.Ports.JobOutcome.Failed s => "failed, " + s.Reason,
                var other => other.ToString(),
            }}",
            Switched s => $"current -> upgrades/{s.Upgrade.Name}",
            SignalReceived s => $"stop requested ({s.Signal}); forwarding it to the node",
            _ => null,
        };
    }
}
