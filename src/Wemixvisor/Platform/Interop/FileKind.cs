namespace Wemixvisor.Platform.Interop;

/// <summary>What kind of file system object a path is; <see cref="Other"/> covers sockets, FIFOs and devices.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Other,
}
