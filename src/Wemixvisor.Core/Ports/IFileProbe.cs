namespace Wemixvisor.Core.Ports;

/// <summary>Reads the trigger and marker files.</summary>
public interface IFileProbe
{
    /// <summary>The file's identity and version, or null when it does not exist.</summary>
    FileFingerprint? Stat(string path);

    /// <summary>At most <paramref name="maxBytes"/> bytes of the file, or null when it does not exist (any more).</summary>
    byte[]? Read(string path, int maxBytes);
}
