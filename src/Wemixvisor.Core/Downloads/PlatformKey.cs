using System.Runtime.InteropServices;

namespace Wemixvisor.Core.Downloads;

/// <summary>The key of the running machine in a plan's <c>binaries</c> map, as Cosmovisor names it.</summary>
public static class PlatformKey
{
    /// <summary>The key that matches every platform, tried after the machine's own.</summary>
    public const string Any = "any";

    /// <summary><c>linux/amd64</c> or <c>linux/arm64</c> (the Go names), or <c>linux/</c> and the architecture in lower case.</summary>
    public static string Current { get; } = "linux/" + RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };
}
