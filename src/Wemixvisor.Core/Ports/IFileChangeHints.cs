namespace Wemixvisor.Core.Ports;

/// <summary>Hints that a file may have changed (inotify). Only a hint: the stat decides.</summary>
public interface IFileChangeHints
{
    /// <summary>Ticks whenever <paramref name="path"/> may have been created, written, renamed or removed. Never fails; empty when unavailable.</summary>
    IObservable<System.Reactive.Unit> Changes(string path);
}
