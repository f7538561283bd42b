using System.Runtime.InteropServices;

namespace Wemixvisor.Platform.Interop;

/// <summary>The fields of <c>struct statx</c> wemixvisor reads; the struct is 256 bytes long.</summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct StatxBuffer
{
    public const ushort FileTypeMask = 0xF000;
    public const ushort RegularFile = 0x8000;
    public const ushort Directory = 0x4000;

    [FieldOffset(16)] public uint Links;
    [FieldOffset(20)] public uint Uid;
    [FieldOffset(24)] public uint Gid;
    [FieldOffset(28)] public ushort Mode;
    [FieldOffset(32)] public ulong Inode;
    [FieldOffset(40)] public ulong Size;
    [FieldOffset(112)] public long ModifiedSeconds;
    [FieldOffset(120)] public uint ModifiedNanoseconds;
    [FieldOffset(136)] public uint DeviceMajor;
    [FieldOffset(140)] public uint DeviceMinor;

    public readonly bool IsRegularFile => (Mode & FileTypeMask) == RegularFile;
    public readonly bool IsDirectory => (Mode & FileTypeMask) == Directory;

    /// <summary>True when any of the owner, group or other execute bits is set.</summary>
    public readonly bool AnyExecuteBit => (Mode & 0b001_001_001) != 0;

    /// <summary>The modification time in nanoseconds since the Unix epoch (fits a long until 2262).</summary>
    public readonly long ModifiedUnixNanoseconds => ModifiedSeconds * 1_000_000_000L + ModifiedNanoseconds;
}
