using Wemixvisor.Core.Supervision;
using static Wemixvisor.Core.Supervision.SupervisorEvent;

namespace Wemixvisor.Demo;

/// <summary>Prints the supervisor's steps that tell the story of an upgrade as short, readable lines.</summary>
internal sealed class TimelinePrinter(TextWriter output, DateTimeOffset start) : IObserver<SupervisorStep>
{
    public void OnNext(SupervisorStep step)
    {
        if (Describe(step) is { } line)
        {
            output.WriteLine($"  {(step.At - start).TotalSeconds,6:0.00}s  {line}");
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    private static string? Describe(SupervisorStep step)
    {
        if (step.Decision.Commands.OfType<SupervisorCommand.Exit>().FirstOrDefault() is { } exit)
        {
            return $"wemixvisor exits with code {exit.Code}: {exit.Reason}";
        }
        return step.Event switch
        {
            NodeStarted s => $"node started (pid {s.Pid}) from {step.To.Applied}",
            NodeExited x => $"node exited ({x.Exit})",
            TriggerChecked { File: Core.Upgrades.TriggerFile.Valid v } when step.Decision.Commands.Any(c => c is SupervisorCommand.RunPreflight) =>
                $"upgrade {v.Upgrade.Name} at height {v.Upgrade.Height} is pending",
            UpgradeInfoObserved { File: Core.Upgrades.TriggerFile.Valid v } when step.Decision.Commands.Any(c => c is SupervisorCommand.RunPreflight) =>
                $"upgrade {v.Upgrade.Name} at height {v.Upgrade.Height} detected",
            PreflightPassed p => $"preflight of {p.Upgrade.Name} passed (binary in place)",
            StepFinished f => $"{f.Step}: {f.Outcome switch
            {
                Core.Ports.StepOutcome.Succeeded s => s.Detail,
                Core.Ports.StepOutcome.Skipped s => "skipped, " + s.Reason,
                Core.Ports.StepOutcome.Failed s => "failed, " + s.Reason,
                var other => other.ToString(),
            }}",
            Switched s => $"current -> upgrades/{s.Upgrade.Name}",
            SignalReceived s => $"stop requested ({s.Signal}); forwarding it to the node",
            _ => null,
        };
    }
}
