using System.Runtime.Versioning;

// These tests drive Linux processes, signals and files.
[assembly: SupportedOSPlatform("linux")]
