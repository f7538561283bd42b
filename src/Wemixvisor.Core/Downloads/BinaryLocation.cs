namespace Wemixvisor.Core.Downloads;

/// <summary>What an upgrade plan says about where its binary can be downloaded.</summary>
public abstract record BinaryLocation
{
    private BinaryLocation() { }

    /// <summary>The plan names a URL for this platform (or for <c>any</c>).</summary>
    public sealed record Found(BinarySource Source) : BinaryLocation;

    /// <summary>The plan's <c>info</c> is itself a URL, to a JSON document holding the <c>binaries</c> map.</summary>
    public sealed record Document(Uri Url) : BinaryLocation;

    /// <summary>No usable URL; <paramref name="Reason"/> says why in one clause.</summary>
    public sealed record None(string Reason) : BinaryLocation;
}
