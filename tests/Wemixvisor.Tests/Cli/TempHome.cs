using System.Runtime.Versioning;

namespace Wemixvisor.Tests.Cli;

/// <summary>A temporary directory holding a node home and the binaries to install; removed afterwards.</summary>
public sealed class TempHome : IDisposable
{
    public TempHome()
    {
        Root = Directory.CreateTempSubdirectory("wv-cli-").FullName;
        Home = Path.Combine(Root, "home");
    }

    public string Root { get; }
    public string Home { get; }
    public string WemixvisorDir => Path.Combine(Home, "wemixvisor");
    public string Current => Path.Combine(WemixvisorDir, "current");
    public string GenesisBinary(string name = "gstable") => Path.Combine(WemixvisorDir, "genesis", "bin", name);

    /// <summary>Writes an executable shell script (or a plain file when <paramref name="executable"/> is false).</summary>
    [SupportedOSPlatform("linux")]
    public string Binary(string name, string body, bool executable = true)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, executable
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
