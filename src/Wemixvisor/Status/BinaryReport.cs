namespace Wemixvisor.Status;

/// <summary>The upgrade binary of an upgrade: where it must be, and what is wrong with it (null when it is in place).</summary>
internal sealed record BinaryReport(string Path, string? Problem)
{
    public bool InPlace => Problem is null;
}
