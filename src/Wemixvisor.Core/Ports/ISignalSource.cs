namespace Wemixvisor.Core.Ports;

/// <summary>The signals wemixvisor itself receives (TERM, INT, QUIT, HUP).</summary>
public interface ISignalSource
{
    IObservable<NodeSignal> Signals { get; }
}
