using System.Reactive;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text;
using Wemixvisor.Core.Ports;

namespace Wemixvisor.Tests.Fakes;

/// <summary>An in-memory file system for the trigger file; every write gets a new fingerprint.</summary>
public sealed class FakeFiles : IFileProbe, IFileChangeHints
{
    private readonly Dictionary<string, (byte[] Bytes, FileFingerprint Fingerprint)> _files = new();
    private readonly Subject<string> _changes = new();
    private long _version;

    /// <summary>Change hints are off unless a test turns them on, so that polling alone is what is tested by default.</summary>
    public bool HintsEnabled { get; set; }

    public int Reads { get; private set; }

    public void Write(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        _version++;
        _files[path] = (bytes, new FileFingerprint(bytes.Length, _version, _version));
        _changes.OnNext(path);
    }

    public void Delete(string path)
    {
        _files.Remove(path);
        _changes.OnNext(path);
    }

    public FileFingerprint? Stat(string path) => _files.TryGetValue(path, out var file) ? file.Fingerprint : null;

    public byte[]? Read(string path, int maxBytes)
    {
        Reads++;
        return _files.TryGetValue(path, out var file) ? file.Bytes.Take(maxBytes).ToArray() : null;
    }

    public IObservable<Unit> Changes(string path) =>
        _changes.Where(changed => HintsEnabled && changed == path).Select(_ => Unit.Default);
}
