using System.Reactive;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Ports;

namespace Wemixvisor.Platform.Files;

/// <summary>
/// inotify hints through a <see cref="FileSystemWatcher"/> on the file's directory, filtered to its name.
/// A rename over the file counts (the watcher matches the new name as well as the old one). When the
/// directory is missing or inotify is unavailable (for example the instance limit is reached), it says so
/// once and the observable stays silent: the core's polling still sees every change.
/// </summary>
internal sealed class InotifyFileChangeHints(ILogger<InotifyFileChangeHints> logger) : IFileChangeHints
{
    private int _unavailableLogged;

    public IObservable<Unit> Changes(string path) =>
        Observable.Create<Unit>(observer =>
        {
            var fullPath = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(fullPath)!;
            if (!Directory.Exists(directory))
            {
                Unavailable(fullPath, $"directory {directory} does not exist");
                return Disposable.Empty;
            }
            var synchronized = Observer.Synchronize(observer);
            FileSystemWatcher? watcher = null;
            try
            {
                watcher = new FileSystemWatcher(directory, Path.GetFileName(fullPath))
                {
                    IncludeSubdirectories = false,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                void Tick(object? sender, FileSystemEventArgs args) => synchronized.OnNext(Unit.Default);
                watcher.Created += Tick;
                watcher.Changed += Tick;
                watcher.Deleted += Tick;
                watcher.Renamed += Tick;
                watcher.Error += (_, args) =>
                {
                    logger.NotificationsLost(fullPath, args.GetException().Message);
                    synchronized.OnNext(Unit.Default);
                };
                watcher.EnableRaisingEvents = true;
                logger.WatchingFile(fullPath);
                return watcher;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
            {
                watcher?.Dispose();
                Unavailable(fullPath, e.Message);
                return Disposable.Empty;
            }
        });

    private void Unavailable(string path, string reason)
    {
        if (Interlocked.Exchange(ref _unavailableLogged, 1) == 0)
        {
            logger.NotificationsUnavailable(path, reason);
        }
    }
}
