using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Files;

/// <summary>One replacement of a file in progress; see <see cref="AtomicFile.Create"/>.</summary>
internal sealed class AtomicFileWriter : IDisposable
{
    private readonly string _target;
    private readonly string _temp;
    private readonly UnixFileMode? _mode;
    private bool _renamed;

    internal AtomicFileWriter(string target, string temp, UnixFileMode? mode)
    {
        _target = target;
        _temp = temp;
        _mode = mode;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (mode is { } created)
        {
            options.UnixCreateMode = created;
        }
        Stream = new FileStream(temp, options);
    }

    /// <summary>The temp file next to the target; unbuffered, so write in large pieces.</summary>
    public FileStream Stream { get; }

    /// <param name="durable">False skips both fsyncs (see <see cref="AtomicFile.Write"/>).</param>
    public void Commit(bool durable = true)
    {
        Stream.Flush(flushToDisk: durable);
        Stream.Dispose();
        if (_mode is { } mode)
        {
            File.SetUnixFileMode(_temp, mode);
        }
        Libc.RenameOrThrow(_temp, _target);
        _renamed = true;
        if (durable)
        {
            Libc.FsyncDirectory(Path.GetDirectoryName(_target)!);
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (!_renamed)
        {
            File.Delete(_temp);
        }
    }
}
