namespace Wemixvisor.Platform.Installation;

/// <summary>A source that cannot be installed or a destination that must not be overwritten; the message says which and why.</summary>
public sealed class InstallRefusedException(string message) : Exception(message);
