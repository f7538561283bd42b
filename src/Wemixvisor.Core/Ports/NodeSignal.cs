namespace Wemixvisor.Core.Ports;

/// <summary>Signals by their Linux numbers.</summary>
public enum NodeSignal
{
    Hangup = 1,
    Interrupt = 2,
    Quit = 3,
    Kill = 9,
    Terminate = 15,
}
